using System.Text.Json.Serialization;
using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Runs;

/// <summary>Counts of a run's checks by status.</summary>
internal sealed record PreflightSummary(
    [property: JsonPropertyName(PreflightFields.Counts.Total)] int Total,
    [property: JsonPropertyName(PreflightFields.Counts.Healthy)] int Healthy,
    [property: JsonPropertyName(PreflightFields.Counts.Degraded)] int Degraded,
    [property: JsonPropertyName(PreflightFields.Counts.Unhealthy)] int Unhealthy)
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
