using HealthGate.Contracts;

namespace HealthGate.Acknowledgements;

/// <summary>What became of an acknowledgement; <see cref="AcknowledgementsApi"/> maps each to its HTTP answer.</summary>
internal abstract record AcknowledgementOutcome
{
    private AcknowledgementOutcome()
    {
    }

    /// <summary>Recorded, with its log entry, durably.</summary>
    public sealed record Done(AcknowledgementRecord Acknowledgement) : AcknowledgementOutcome;

    /// <summary>Refused with its status (403, 404) and why.</summary>
    public sealed record Refused(int Status, string Title, string Detail) : AcknowledgementOutcome;

    /// <summary>Fields missing or invalid (400).</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : AcknowledgementOutcome;

    /// <summary>The store failed: nothing recorded, nothing silenced (503).</summary>
    public sealed record Unavailable : AcknowledgementOutcome;
}
