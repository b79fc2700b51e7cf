using HealthGate.Checks;

namespace HealthGate.Preflight;

/// <summary>One preflight run: the preflight JSON of the design, field for field.</summary>
internal sealed record PreflightRun(
    string RunId,
    string Mode,
    Verdict Verdict,
    int ExitCode,
    DateTimeOffset StartedAt,
    double DurationMs,
    PreflightSummary Summary,
    IReadOnlyList<CheckResult> Checks)
{
    public static PreflightRun From(string runId, string mode, CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var verdict = Verdicts.Decide(run.Checks);
        return new PreflightRun(
            runId,
            mode,
            verdict,
            verdict.ExitCode(),
            run.StartedAt,
            Math.Round(run.Duration.TotalMilliseconds, 3),
            PreflightSummary.Of([.. run.Checks]),
            run.Checks);
    }
}
