using BenchmarkDotNet.Configs;

namespace HealthGate.Benchmarks;

/// <summary>Adds the "Check runs/op" column to <see cref="PreflightCoalescingBenchmarks"/>.</summary>
public sealed class CoalescingConfig : ManualConfig
{
    public CoalescingConfig() => AddColumn(new CheckExecutionsColumn());
}
