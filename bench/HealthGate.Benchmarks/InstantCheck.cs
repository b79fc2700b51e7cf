using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Benchmarks;

/// <summary>A check that answers Healthy at once, so a benchmark measures the gate and not a dependency.</summary>
internal sealed class InstantCheck : IHealthCheck
{
    private static readonly Task<HealthCheckResult> Result = Task.FromResult(HealthCheckResult.Healthy("ok"));

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) => Result;
}
