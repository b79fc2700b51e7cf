using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Metrics;

/// <summary>
/// The latest status and duration of every check, from whichever run saw it last: the background readiness run
/// or a preflight. A check that has not run yet reads 0 (Unhealthy): the gate fails closed.
/// </summary>
internal sealed class CheckMetrics
{
    public const string StatusName = "healthgate_check_status";
    public const string DurationName = "healthgate_check_duration_seconds";

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Sample> _checks = new(StringComparer.Ordinal);

    public CheckMetrics(IEnumerable<GateCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        foreach (var check in checks)
        {
            _checks[check.Name] = new Sample(check.Tier.ToString(), check.Type, 0, null);
        }
    }

    public void Update(IEnumerable<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        lock (_lock)
        {
            foreach (var result in results)
            {
                _checks[result.Name] = new Sample(result.Tier.ToString(), result.Type, StatusValue(result.Status), Math.Round(result.DurationMs / 1000, 6));
            }
        }
    }

    public static double StatusValue(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => 1,
        HealthStatus.Degraded => 0.5,
        _ => 0,
    };

    public void Write(ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_lock)
        {
            writer.Family(StatusName, MetricType.Gauge, "Latest status of the check: 1 Healthy, 0.5 Degraded, 0 Unhealthy or not run yet.");
            foreach (var (name, sample) in _checks)
            {
                writer.Sample(StatusName, sample.Status, new("check", name), new("tier", sample.Tier), new("type", sample.Type));
            }

            writer.Family(DurationName, MetricType.Gauge, "Duration of the latest run of the check.");
            foreach (var (name, sample) in _checks)
            {
                if (sample.DurationSeconds is { } seconds)
                {
                    writer.Sample(DurationName, seconds, new("check", name), new("tier", sample.Tier), new("type", sample.Type));
                }
            }
        }
    }

    private sealed record Sample(string Tier, string Type, double Status, double? DurationSeconds);
}
