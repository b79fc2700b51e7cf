using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks;

/// <summary>The results of one parallel run of a set of checks.</summary>
internal sealed record CheckRun(DateTimeOffset StartedAt, TimeSpan Duration, IReadOnlyList<CheckResult> Checks)
{
    /// <summary>The worst status of the run; an empty run is Unhealthy, since it proves nothing.</summary>
    public HealthStatus Status => Checks.Count == 0 ? HealthStatus.Unhealthy : Checks.Min(c => c.Status);
}
