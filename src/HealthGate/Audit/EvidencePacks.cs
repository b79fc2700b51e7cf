namespace HealthGate.Audit;

/// <summary>
/// What the period pack shows: the entries whose time falls in [From, To), and the verification of the whole chain
/// (made by whoever read the log: a slice that does not start at entry 1 cannot be verified on its own).
/// </summary>
internal sealed record PeriodEvidence(
    string Desk,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    OpLogVerification Chain,
    IReadOnlyList<OpLogRecord> Entries);

/// <summary>What a run's pack shows: the run, its overrides with their approvals, the entries about it and the chain.</summary>
internal sealed record RunEvidence(
    string Desk,
    DateTimeOffset GeneratedAt,
    EvidenceRun Run,
    IReadOnlyList<OverrideRecord> Overrides,
    IReadOnlyList<OpLogRecord> Entries,
    OpLogVerification Chain);
