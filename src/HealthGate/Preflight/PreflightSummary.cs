using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Preflight;

/// <summary>Counts of a run's checks by status.</summary>
internal sealed record PreflightSummary(int Total, int Healthy, int Degraded, int Unhealthy)
{
    public static PreflightSummary Of(IReadOnlyCollection<CheckResult> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return new(
            checks.Count,
            checks.Count(c => c.Status == HealthStatus.Healthy),
            checks.Count(c => c.Status == HealthStatus.Degraded),
            checks.Count(c => c.Status == HealthStatus.Unhealthy));
    }
}
