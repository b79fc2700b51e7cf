using BenchmarkDotNet.Attributes;
using HealthGate.Checks;
using HealthGate.Preflight;
using HealthGate.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Benchmarks;

/// <summary>
/// A burst of N launchers asking for the same preflight at once: <see cref="PreflightService"/> shares the run in
/// flight, against the baseline of N independent <see cref="CheckRunner"/> runs. The check takes ~20 ms like a
/// dependency round trip and counts its executions ("Check runs/op").
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CoalescingConfig))]
public class PreflightCoalescingBenchmarks
{
    private const string Mode = "live";
    private static readonly HashSet<CheckTier> LiveTiers = [CheckTier.P0, CheckTier.P1, CheckTier.P2];
    private readonly DelayedCheck _check = new(TimeSpan.FromMilliseconds(20));
    private ServiceProvider _services = null!;
    private CheckRunner _runner = null!;
    private PreflightService _preflight = null!;
    private long _uncoalescedOperations;
    private long _coalescedOperations;

    [Params(1, 16, 64)]
    public int Callers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchServices.Create([("dependency", _check)], services => services.AddHealthGatePreflight());
        _runner = _services.GetRequiredService<CheckRunner>();
        _preflight = _services.GetRequiredService<PreflightService>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Each case runs in its own process, so only one of the two methods has operations here.
        if (_uncoalescedOperations > 0)
        {
            CheckExecutions.Record(CheckExecutions.Key(nameof(UncoalescedCheckRuns), Callers), _check.Executions, _uncoalescedOperations);
        }

        if (_coalescedOperations > 0)
        {
            CheckExecutions.Record(CheckExecutions.Key(nameof(CoalescedPreflights), Callers), _check.Executions, _coalescedOperations);
        }

        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> UncoalescedCheckRuns()
    {
        _uncoalescedOperations++;
        var runs = new Task<CheckRun>[Callers];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = _runner.RunAsync(LiveTiers, CancellationToken.None);
        }

        return (await Task.WhenAll(runs)).Length;
    }

    [Benchmark]
    public async Task<int> CoalescedPreflights()
    {
        _coalescedOperations++;
        var runs = new Task<PreflightRun>[Callers];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = _preflight.RunAsync(Mode, LiveTiers);
        }

        return (await Task.WhenAll(runs)).Length;
    }
}
