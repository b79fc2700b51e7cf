namespace HealthGate.Cli.Gate;

/// <summary>The gate cannot give a usable answer; the message is the one-line cause shown to the operator.</summary>
internal sealed class GateAbortException : Exception
{
    public GateAbortException()
    {
    }

    public GateAbortException(string message)
        : base(message)
    {
    }

    public GateAbortException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
