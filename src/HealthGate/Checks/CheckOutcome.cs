using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks;

/// <summary>
/// Builds health check results that carry a stable reason token in their data (key <c>reason</c>), which the
/// runner lifts into the preflight JSON. Checks use these instead of throwing.
/// </summary>
internal static class CheckOutcome
{
    public const string ReasonKey = "reason";

    public static HealthCheckResult Healthy(string description, IReadOnlyDictionary<string, object>? data = null)
        => new(HealthStatus.Healthy, description, data: With(data, "ok"));

    public static HealthCheckResult Degraded(string reason, string description, IReadOnlyDictionary<string, object>? data = null)
        => new(HealthStatus.Degraded, description, data: With(data, reason));

    public static HealthCheckResult Unhealthy(string reason, string description, IReadOnlyDictionary<string, object>? data = null)
        => new(HealthStatus.Unhealthy, description, data: With(data, reason));

    private static Dictionary<string, object> With(IReadOnlyDictionary<string, object>? data, string reason)
    {
        var result = data is null ? [] : new Dictionary<string, object>(data);
        result[ReasonKey] = reason;
        return result;
    }
}
