using BenchmarkDotNet.Attributes;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace HealthGate.Benchmarks;

/// <summary>
/// The engine's own cost per run: eight instant checks through <see cref="CheckRunner"/> (scopes, timeouts,
/// redaction, result mapping) against the baseline of awaiting the same checks directly.
/// </summary>
[MemoryDiagnoser]
public class CheckRunnerBenchmarks
{
    private static readonly HashSet<CheckTier> P0 = [CheckTier.P0];
    private ServiceProvider _services = null!;
    private CheckRunner _runner = null!;
    private IHealthCheck[] _checks = null!;

    [Params(8, 64)]
    public int Checks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System).AddHealthGateJson().AddHealthGateConfiguration().AddHealthGateChecks();
        var builder = services.AddHealthChecks();
        _checks = [.. Enumerable.Range(0, Checks).Select(_ => new InstantCheck())];
        for (var i = 0; i < Checks; i++)
        {
            builder.AddCheck($"instant-{i}", _checks[i], tags: ["P0", "bench"]);
        }

        _services = services.BuildServiceProvider();
        _runner = _services.GetRequiredService<CheckRunner>();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<int> AwaitChecksDirectly() =>
        (await Task.WhenAll(_checks.Select(c => c.CheckHealthAsync(new HealthCheckContext())))).Length;

    [Benchmark]
    public async Task<int> RunThroughTheEngine() => (await _runner.RunAsync(P0, CancellationToken.None)).Checks.Count;
}
