namespace HealthGate.Cli.Reports;

/// <summary>
/// One line of the local operational log: an abort, a refusal, a live launch's confirmation, or an override and what
/// became of it. Field names follow the service's operational log so the two read alike. Who approved is never typed
/// here: it is the override's id and its approvals exactly as the gate returned them.
/// </summary>
internal sealed record OperationalLogEntry(
    string Timestamp,
    string Event,
    string Mode,
    string Decision,
    int ExitCode)
{
    public const string PreflightAbort = "preflight_abort";

    /// <summary>The operator's confirmation that ends a live launch (typed YES, or <c>--non-interactive --yes</c>).</summary>
    public const string LaunchConfirmation = "launch_confirmation";

    public string? Gate { get; init; }

    public string? RunId { get; init; }

    public string? Verdict { get; init; }

    public IReadOnlyList<string>? Failures { get; init; }

    /// <summary>The gate's id of the override this entry is about.</summary>
    public long? OverrideId { get; init; }

    /// <summary>Who asked for the override, as the gate returned it.</summary>
    public Actor? RequestedBy { get; init; }

    /// <summary>Each decision on the override (person, role, decision, when), as the gate returned them.</summary>
    public IReadOnlyList<ApprovalRecord>? Approvals { get; init; }

    public string? Ticket { get; init; }

    public string? Reason { get; init; }

    public string? Impact { get; init; }

    public string? Mitigation { get; init; }

    /// <summary>How a live launch was confirmed: typed at the terminal, or given non-interactively.</summary>
    public string? Confirmation { get; init; }

    /// <summary>Why it ended as it did: the abort cause, the refusal, or the gate's answer to the override.</summary>
    public string? Cause { get; init; }
}
