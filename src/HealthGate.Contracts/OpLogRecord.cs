namespace HealthGate.Contracts;

/// <summary>
/// One entry of the operational log as <c>GET /oplog</c> serves it and as the chain hashes it. Entries are only ever
/// appended: <see cref="Seq"/> is 1, 2, 3… with no gap, <see cref="PrevHash"/> is the previous entry's
/// <see cref="Hash"/> (<see cref="OpLogChain.Genesis"/> for the first), and <see cref="Hash"/> covers every other field
/// (<see cref="OpLogChain"/>). <see cref="Signature"/> is the HMAC of the hash when the gate has a signing key.
/// </summary>
public sealed record OpLogRecord
{
    public long Seq { get; init; }

    /// <summary>
    /// The desk whose chain holds the entry (each desk's <see cref="Seq"/> starts at 1); null for the default desk, whose
    /// entries were hashed before desks existed. Hashed when set, so an entry or a whole chain cannot change desk unseen.
    /// </summary>
    public string? Desk { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>One of <see cref="OpLogEvents"/>.</summary>
    public required string Kind { get; init; }

    public required string Mode { get; init; }

    public string? RunId { get; init; }

    /// <summary>The verdict token of the run the entry is about, when there is one.</summary>
    public string? Verdict { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The checks that failed in that run (Unhealthy P0/P1), as they were at the time.</summary>
    public IReadOnlyList<OpLogFailureRecord> Failures { get; init; } = [];

    /// <summary><c>abort</c>, <c>proceed</c>, <c>refused</c>, <c>approve</c>, <c>reject</c>, <c>expired</c> (see <see cref="OpLogEvents"/>).</summary>
    public string? Decision { get; init; }

    /// <summary>Who caused the entry, as their credential proved it; null for the gate itself (a run, an expiry).</summary>
    public Actor? Who { get; init; }

    public long? OverrideId { get; init; }

    /// <summary><c>force_start</c> or <c>skip_health_check</c> for override entries.</summary>
    public string? OverrideKind { get; init; }

    /// <summary>The role an approval filled.</summary>
    public string? Role { get; init; }

    public string? Ticket { get; init; }

    public string? Reason { get; init; }

    public string? Impact { get; init; }

    public string? Mitigation { get; init; }

    public string? Comment { get; init; }

    public string? ConfigHash { get; init; }

    public string PrevHash { get; init; } = OpLogChain.Genesis;

    public string Hash { get; init; } = "";

    public string? Signature { get; init; }
}

/// <summary>A failed check as the operational log keeps it, independent of the run, which retention may prune.</summary>
public sealed record OpLogFailureRecord(string Check, string Tier, string Reason);
