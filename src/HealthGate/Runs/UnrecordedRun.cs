using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Runs;

/// <summary>
/// The answer for a run that could not be recorded durably: no record, no GO. Its checks plus a P0 <c>gate</c> entry
/// with reason <c>record_failed</c>, so the verdict (P0_FAIL) and the summary still follow from the checks. It gets a
/// run id of its own: the attempted write may still land later (a hung store that resumes), and the id a launcher
/// holds must never be found as a PASS.
/// </summary>
internal static class UnrecordedRun
{
    /// <summary>What could not be written: the run's history row, or a no-go's operational log entry.</summary>
    public const string RunRow = "run";

    public const string OpLogEntry = "oplog";

    public static PreflightRun From(PreflightRun run, string failed, string error, TimeSpan spent)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entry = new CheckResult(
            GateEntry.Record,
            GateEntry.Type,
            CheckTier.P0,
            HealthStatus.Unhealthy,
            Math.Round(spent.TotalMilliseconds, 3),
            Reasons.RecordFailed,
            $"the run could not be recorded ({Describe(failed)}: {error}); a run that is not recorded is not a GO",
            new Dictionary<string, object>
            {
                ["failed"] = failed,
                ["attemptedRunId"] = run.RunId,
                ["checksVerdict"] = run.Verdict.Token(),
            });
        IReadOnlyList<CheckResult> checks = [.. run.Checks, entry];
        var verdict = RunVerdict.Decide(checks);
        return run with
        {
            RunId = RunId.New(run.StartedAt),
            Verdict = verdict,
            ExitCode = verdict.ExitCode(),
            Summary = PreflightSummary.Of(checks),
            Checks = checks,
        };
    }

    private static string Describe(string failed) => failed switch
    {
        RunRow => "history",
        OpLogEntry => "operational log",
        _ => failed,
    };
}
