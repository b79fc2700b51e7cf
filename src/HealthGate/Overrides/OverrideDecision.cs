using HealthGate.Runs;

namespace HealthGate.Overrides;

/// <summary>What became of an override request; <see cref="OverridesApi"/> maps each to its HTTP answer.</summary>
internal abstract record OverrideDecision
{
    private OverrideDecision()
    {
    }

    /// <summary>Durably in the operational log, as <see cref="Entry"/>.</summary>
    public sealed record Accepted(OpLogEntry Entry) : OverrideDecision;

    /// <summary>The run's state forbids it; a P0 attempt is itself in the log (<see cref="RecordedEntryId"/>), any other is not.</summary>
    public sealed record Conflict(string Cause, long? RecordedEntryId) : OverrideDecision;

    /// <summary>The request names a run the history does not have.</summary>
    public sealed record NotFound(string RunId) : OverrideDecision;

    /// <summary>Fields missing or invalid, each with its reasons.</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : OverrideDecision;

    /// <summary>The store failed: nothing was recorded.</summary>
    public sealed record Unavailable : OverrideDecision;
}
