using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace HealthGate.Checks.Redis;

/// <summary>Proves Redis answers PING, and reports the round trip.</summary>
internal sealed class RedisHealthCheck(RedisCheckOptions options, RedisConnections connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connection = await connections.GetAsync(options).WaitAsync(cancellationToken);
        if (!connection.IsConnected)
        {
            return CheckOutcome.Unhealthy(Reasons.Unreachable, "not connected to Redis; reconnecting in the background");
        }

        try
        {
            var latency = await connection.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            var latencyMs = Math.Round(latency.TotalMilliseconds, 3);
            return CheckOutcome.Healthy($"PONG in {latencyMs:F1} ms", new Dictionary<string, object> { ["latencyMs"] = latencyMs });
        }
        catch (RedisException ex)
        {
            return CheckOutcome.Unhealthy(Reasons.Unreachable, $"PING failed: {ex.Message}");
        }
        catch (TimeoutException ex)
        {
            return CheckOutcome.Unhealthy(Reasons.Timeout, $"PING timed out: {ex.Message}");
        }
    }
}
