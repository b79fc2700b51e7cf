using HealthGate.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Runs;

/// <summary>What the operational log keeps of a run, independent of the run itself, which retention may prune.</summary>
internal static class RunOpLog
{
    /// <summary>Every Unhealthy check of the run, whatever its tier.</summary>
    public static IReadOnlyList<OpLogFailureRecord> Failures(PreflightRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return [.. run.Checks.Where(c => c.Status == HealthStatus.Unhealthy).Select(c => new OpLogFailureRecord(c.Name, c.Tier.ToString(), c.Reason))];
    }

    /// <summary>The entry of a no-go run: the launch must abort.</summary>
    public static OpLogRecord FailureEntry(PreflightRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new OpLogRecord
        {
            Kind = OpLogEvents.PreflightFailure,
            Mode = run.Mode,
            RunId = run.RunId,
            Verdict = run.Verdict.Token(),
            ExitCode = run.ExitCode,
            Failures = Failures(run),
            Decision = OpLogEvents.Abort,
            ConfigHash = run.ConfigHash,
        };
    }
}
