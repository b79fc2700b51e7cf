namespace HealthGate.Cli.Reports;

/// <summary>
/// One line of the local operational log: an abort, or an override and what became of it. Field names follow the
/// service's operational log so the two read alike.
/// </summary>
internal sealed record OperationalLogEntry(
    string Timestamp,
    string Event,
    string Mode,
    string Decision,
    int ExitCode)
{
    public const string PreflightAbort = "preflight_abort";

    public string? Gate { get; init; }

    public string? RunId { get; init; }

    public string? Verdict { get; init; }

    public IReadOnlyList<string>? Failures { get; init; }

    public string? Operator { get; init; }

    public IReadOnlyList<string>? Approvers { get; init; }

    public string? Ticket { get; init; }

    public string? Reason { get; init; }

    /// <summary>Why it ended as it did: the abort cause, the refusal, or the gate's answer to the override.</summary>
    public string? Cause { get; init; }
}
