using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HealthGate.Checks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Benchmarks;

/// <summary>
/// A run's wall time is bounded by its slowest check, not the sum: ten 400 ms checks against one 400 ms round trip,
/// and a check that hangs (ignoring its token) under a 1000 ms timeout against a 1000 ms wait.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class RunTimeBoundBenchmarks
{
    private static readonly HashSet<CheckTier> P0 = [CheckTier.P0];
    private static readonly HashSet<CheckTier> P1 = [CheckTier.P1];
    private ServiceProvider _services = null!;
    private CheckRunner _runner = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchServices.Create(
            Enumerable.Range(0, 10).Select(i => ($"slow-{i}", (IHealthCheck)new DelayedCheck(TimeSpan.FromMilliseconds(400)))),
            services => services.AddHealthChecks().Add(new HealthCheckRegistration(
                "hangs", new HangingCheck(), HealthStatus.Unhealthy, ["P1", "bench"], TimeSpan.FromMilliseconds(1000))));
        _runner = _services.GetRequiredService<CheckRunner>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [BenchmarkCategory("Parallel"), Benchmark(Baseline = true)]
    public Task OneRoundTripOf400Ms() => Task.Delay(400);

    [BenchmarkCategory("Parallel"), Benchmark]
    public async Task<int> TenChecksOf400Ms() => (await _runner.RunAsync(P0, CancellationToken.None)).Checks.Count;

    [BenchmarkCategory("Timeout"), Benchmark(Baseline = true)]
    public Task WaitOf1000Ms() => Task.Delay(1000);

    [BenchmarkCategory("Timeout"), Benchmark]
    public async Task<string> HangingCheckWithTimeoutMs1000() => (await _runner.RunAsync(P1, CancellationToken.None)).Checks[0].Reason;

    /// <summary>Ignores its token, as a badly written check would: the engine must abandon it at the timeout.</summary>
    private sealed class HangingCheck : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), CancellationToken.None);
            return HealthCheckResult.Healthy();
        }
    }
}
