using HealthGate.Runs;

namespace HealthGate.Audit;

/// <summary>
/// A preflight run as a run's evidence pack shows it. Its own small type, so the pack renders a run read back from
/// the store as well as one just made (<see cref="From"/>).
/// </summary>
internal sealed record EvidenceRun(
    string RunId,
    string Mode,
    string Verdict,
    int ExitCode,
    DateTimeOffset StartedAt,
    string? ConfigHash,
    IReadOnlyList<EvidenceCheck> Checks)
{
    public static EvidenceRun From(PreflightRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new EvidenceRun(
            run.RunId,
            run.Mode,
            run.Verdict.Token(),
            run.ExitCode,
            run.StartedAt,
            run.ConfigHash,
            [.. run.Checks.Select(c => new EvidenceCheck(c.Name, c.Tier.ToString(), c.Status.ToString(), c.Reason, c.Description))]);
    }
}

/// <summary>One check of the run: its tier and status, and why.</summary>
internal sealed record EvidenceCheck(string Name, string Tier, string Status, string? Reason, string? Description = null);
