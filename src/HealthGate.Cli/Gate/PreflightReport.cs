namespace HealthGate.Cli.Gate;

/// <summary>The preflight JSON of a run, validated; <see cref="Json"/> is the body exactly as the gate sent it.</summary>
internal sealed record PreflightReport(
    string RunId,
    string Mode,
    string Verdict,
    int ExitCode,
    DateTimeOffset? StartedAt,
    double? DurationMs,
    DateTimeOffset? ExpiresAt,
    string? ConfigHash,
    IReadOnlyList<ReportedCheck> Checks,
    string Json)
{
    /// <summary>The run's counts as the gate stated them; null when it sent none (or not an object).</summary>
    public ReportedSummary? Summary { get; init; }

    public IEnumerable<ReportedCheck> Failures(string tier) => Checks.Where(c => c.Tier == tier && c.IsUnhealthy);

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expiresAt && expiresAt <= now;
}
