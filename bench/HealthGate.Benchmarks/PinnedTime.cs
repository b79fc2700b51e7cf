namespace HealthGate.Benchmarks;

/// <summary>A clock that always reads the same instant, so a cached run stays fresh however long the benchmark runs.</summary>
internal sealed class PinnedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
