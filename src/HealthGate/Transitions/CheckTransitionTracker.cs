using HealthGate.Checks;
using HealthGate.Runs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Transitions;

/// <summary>
/// Logs one event each time a check's status changes, whichever run saw it: the background readiness run or a
/// preflight. A check first seen Healthy is no news; first seen Degraded or Unhealthy is a transition from Unknown.
/// </summary>
internal sealed class CheckTransitionTracker(ILogger<CheckTransitionTracker> logger) : IRunObserver
{
    public const string Unknown = "Unknown";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, HealthStatus> _latest = new(StringComparer.Ordinal);

    public Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        Track(run.Checks, run.Source);
        return Task.CompletedTask;
    }

    public void Track(IEnumerable<CheckResult> results, string source)
    {
        ArgumentNullException.ThrowIfNull(results);
        List<(CheckResult Result, string Previous)> transitions = [];
        lock (_lock)
        {
            foreach (var result in results.Where(r => !GateEntry.Is(r)))
            {
                var seen = _latest.TryGetValue(result.Name, out var previous);
                _latest[result.Name] = result.Status;
                if (seen ? previous != result.Status : result.Status != HealthStatus.Healthy)
                {
                    transitions.Add((result, seen ? previous.ToString() : Unknown));
                }
            }
        }

        // Logged outside the lock: a slow sink must not hold up the other run's observer.
        foreach (var (result, previous) in transitions)
        {
            var tier = result.Tier.ToString();
            switch (result.Status)
            {
                case HealthStatus.Healthy:
                    TransitionsLog.CheckRecovered(logger, result.Name, tier, result.Type, previous, source);
                    break;
                case HealthStatus.Degraded:
                    TransitionsLog.CheckBecameDegraded(logger, result.Name, tier, result.Type, previous, source, result.Reason, result.Description);
                    break;
                default:
                    TransitionsLog.CheckBecameUnhealthy(logger, result.Name, tier, result.Type, previous, source, result.Reason, result.Description);
                    break;
            }
        }
    }
}
