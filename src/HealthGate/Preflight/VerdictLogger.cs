using HealthGate.Runs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Preflight;

/// <summary>One event per preflight verdict, at a level that follows it, naming the checks that were not Healthy.</summary>
internal sealed class VerdictLogger(ILogger<VerdictLogger> logger) : IRunObserver
{
    public Task OnRunCompletedAsync(CompletedRun completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (completed.Preflight is not { } run)
        {
            return Task.CompletedTask;
        }

        var level = run.Verdict switch
        {
            Verdict.Pass => LogLevel.Information,
            Verdict.P2Warn => LogLevel.Warning,
            _ => LogLevel.Error,
        };
        if (logger.IsEnabled(level))
        {
            var notHealthy = string.Join(", ", run.Checks.Where(c => c.Status != HealthStatus.Healthy).Select(c => $"{c.Name} ({c.Tier} {c.Status}: {c.Reason})"));
            var verdict = run.Verdict.Token();
            PreflightLog.Verdict(logger, level, verdict, run.ExitCode, run.Mode, run.RunId, run.DurationMs, notHealthy.Length == 0 ? "none" : notHealthy);
        }

        return Task.CompletedTask;
    }
}
