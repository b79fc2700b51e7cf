namespace HealthGate.Runs;

/// <summary>
/// One entry of the operational log: a failed preflight, an override, or a refused override. Entries are only
/// ever appended; <see cref="Id"/> and <see cref="Timestamp"/> are set when the store appends it.
/// </summary>
internal sealed record OpLogEntry
{
    public long Id { get; init; }

    public DateTimeOffset Timestamp { get; init; }

    /// <summary>One of <see cref="OpLogKinds"/>.</summary>
    public required string Kind { get; init; }

    public required string Mode { get; init; }

    public string? RunId { get; init; }

    /// <summary>The verdict token of the run the entry is about, when there is one.</summary>
    public string? Verdict { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The checks that failed in that run (Unhealthy P0/P1), as they were at the time.</summary>
    public IReadOnlyList<OpLogFailure> Failures { get; init; } = [];

    /// <summary>One of <see cref="OpLogDecisions"/>.</summary>
    public required string Decision { get; init; }

    public string? Operator { get; init; }

    public IReadOnlyList<string> Approvers { get; init; } = [];

    public string? Ticket { get; init; }

    public string? Reason { get; init; }

    /// <summary>The name (never the value) of the API key the request came with; null when keys are not configured.</summary>
    public string? ApiKeyName { get; init; }
}
