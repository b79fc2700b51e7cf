using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Benchmarks;

/// <summary>A check that takes <paramref name="delay"/> like a dependency round trip, and counts how often it ran.</summary>
internal sealed class DelayedCheck(TimeSpan delay) : IHealthCheck
{
    private long _executions;

    public long Executions => Interlocked.Read(ref _executions);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _executions);
        await Task.Delay(delay, cancellationToken);
        return HealthCheckResult.Healthy("ok");
    }
}
