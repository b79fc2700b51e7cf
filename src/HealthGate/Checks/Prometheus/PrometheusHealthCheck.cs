using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Prometheus;

/// <summary>Proves the backend's metrics endpoint is scrapeable and exposes the series that alerts depend on.</summary>
internal sealed class PrometheusHealthCheck(PrometheusCheckOptions options, HttpProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var response = await probe.GetAsync(options.Url!, expectedStatus: null, cancellationToken);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        var present = ExpositionNames.Read(response.Body);
        var missing = options.RequiredMetrics.Where(m => !present.Contains(m)).ToArray();
        var data = new Dictionary<string, object> { ["metricCount"] = present.Count, ["latencyMs"] = response.ElapsedMs };
        if (missing.Length > 0)
        {
            data["missing"] = missing;
            return CheckOutcome.Unhealthy(Reasons.MissingMetrics, $"missing metrics: {string.Join(", ", missing)}", data);
        }

        return present.Count == 0
            ? CheckOutcome.Unhealthy(Reasons.MissingMetrics, "the endpoint exposes no metrics", data)
            : CheckOutcome.Healthy($"{present.Count} metric names, all {options.RequiredMetrics.Length} required present", data);
    }
}
