using HealthGate.Contracts;

namespace HealthGate.Overrides;

/// <summary>What became of a call on an override; <see cref="OverridesApi"/> maps each to its HTTP answer.</summary>
internal abstract record OverrideOutcome
{
    private OverrideOutcome()
    {
    }

    /// <summary>Done and durably in the operational log: the override as it now stands.</summary>
    public sealed record Done(OverrideRecord Override) : OverrideOutcome;

    /// <summary>Refused with its status (403, 404, 409) and why; <see cref="RecordedSeq"/> when the attempt itself is in the log.</summary>
    public sealed record Refused(int Status, string Title, string Detail, long? RecordedSeq = null) : OverrideOutcome;

    /// <summary>Fields missing or invalid, each with its reasons (400).</summary>
    public sealed record Invalid(Dictionary<string, string[]> Errors) : OverrideOutcome;

    /// <summary>The store failed: nothing changed (503).</summary>
    public sealed record Unavailable : OverrideOutcome;

    public static Refused Forbidden(string detail) => new(StatusCodes.Status403Forbidden, "Not yours to decide", detail);

    public static Refused Conflict(string title, string detail) => new(StatusCodes.Status409Conflict, title, detail);

    public static Refused NotFound(long id) => new(StatusCodes.Status404NotFound, "Unknown override", $"no override {id}");
}
