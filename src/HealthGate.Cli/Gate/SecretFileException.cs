namespace HealthGate.Cli.Gate;

/// <summary>A secret file that cannot be used; the message names the file and why, never its content.</summary>
internal sealed class SecretFileException : Exception
{
    public SecretFileException()
    {
    }

    public SecretFileException(string message)
        : base(message)
    {
    }

    public SecretFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
