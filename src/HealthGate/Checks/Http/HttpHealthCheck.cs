using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Http;

/// <summary>Proves a service's endpoint answers the expected status, in time, with the expected content.</summary>
internal sealed class HttpHealthCheck(HttpCheckOptions options, HttpProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var response = await probe.GetAsync(options.Url!, options.ExpectedStatus, cancellationToken);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        var data = new Dictionary<string, object> { ["statusCode"] = response.StatusCode, ["latencyMs"] = response.ElapsedMs };
        if (options.BodyContains is { } expected && !response.Body.Contains(expected, StringComparison.Ordinal))
        {
            return CheckOutcome.Unhealthy(Reasons.BodyMismatch, $"the body does not contain '{expected}'", data);
        }

        if (options.MaxLatencyMs is { } max && response.ElapsedMs > max)
        {
            return CheckOutcome.Degraded(Reasons.Slow, $"HTTP {response.StatusCode} in {response.ElapsedMs:F0} ms, slower than {max} ms", data);
        }

        return CheckOutcome.Healthy($"HTTP {response.StatusCode} in {response.ElapsedMs:F1} ms", data);
    }
}
