using HealthGate.Checks;
using HealthGate.Runs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace HealthGate.Metrics;

/// <summary>
/// The latest status and duration of every check, from whichever run saw it last: the background readiness run
/// or a preflight. A check that has not run yet reads 0 (Unhealthy): the gate fails closed.
/// </summary>
internal sealed class CheckMetrics : IRunObserver, IInstrumentOwner
{
    public const string StatusName = "healthgate_check_status";
    public const string DurationName = "healthgate_check_duration_seconds";

    private readonly Gauge _status;
    private readonly Gauge _duration;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Tier, string Type)> _labels = new(StringComparer.Ordinal);

    public CheckMetrics(GateChecks checks, IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(factory);
        _status = factory.CreateGauge(StatusName, "Latest status of the check: 1 Healthy, 0.5 Degraded, 0 Unhealthy or not run yet.", ["check", "tier", "type"]);
        _duration = factory.CreateGauge(DurationName, "Duration of the latest run of the check.", ["check", "tier", "type"]);
        foreach (var check in checks.All)
        {
            var tier = check.Tier.ToString();
            _labels[check.Name] = (tier, check.Type);
            _status.WithLabels(check.Name, tier, check.Type).Set(0);
        }
    }

    public static double StatusValue(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 1,
        HealthStatus.Degraded => 0.5,
        _ => 0,
    };

    public Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        Update(run.Checks);
        return Task.CompletedTask;
    }

    public void Update(IEnumerable<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        lock (_lock)
        {
            foreach (var result in results.Where(r => !GateEntry.Is(r)))
            {
                var labels = (Tier: result.Tier.ToString(), result.Type);
                // A check keeps one series: if its tier or type changed, the old labels go.
                if (_labels.TryGetValue(result.Name, out var old) && old != labels)
                {
                    _status.RemoveLabelled(result.Name, old.Tier, old.Type);
                    _duration.RemoveLabelled(result.Name, old.Tier, old.Type);
                }

                _labels[result.Name] = labels;
                _status.WithLabels(result.Name, labels.Tier, labels.Type).Set(StatusValue(result.Status));
                _duration.WithLabels(result.Name, labels.Tier, labels.Type).Set(Math.Round(result.DurationMs / 1000, 6));
            }
        }
    }
}
