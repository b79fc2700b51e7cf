using HealthGate.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Storage;

/// <summary>The store condition of /health/self: writable only while its latest write succeeded and is recent.</summary>
public sealed class StoreConditionTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly StoreWriteState _state;
    private readonly StoreCondition _condition;

    public StoreConditionTests()
    {
        _state = new StoreWriteState(_time, NullLogger<StoreWriteState>.Instance);
        _condition = new StoreCondition(_state, Options.Create(new StorageOptions { ProbeSeconds = 10, WriteTimeoutMs = 5000 }));
    }

    [Fact]
    public void BeforeAnyWriteTheStoreIsNotKnownWritable()
    {
        var condition = _condition.Evaluate(_time.GetUtcNow());

        Assert.Equal(HealthStatus.Unhealthy, condition.Status);
        Assert.Equal(StoreCondition.NoWriteYet, condition.Reason);
    }

    [Fact]
    public void AFailedLatestWriteIsUnhealthyNamingTheErrorAtOnce()
    {
        _state.Succeeded();
        _state.Failed("SqliteException: database or disk is full");

        var condition = _condition.Evaluate(_time.GetUtcNow());

        Assert.Equal(HealthStatus.Unhealthy, condition.Status);
        Assert.Equal(StoreCondition.WriteFailed, condition.Reason);
        Assert.Contains("database or disk is full", condition.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void ASucceededWriteIsHealthyForThreeProbePeriodsAndTheWriteTimeoutThenStale()
    {
        _state.Succeeded();

        _time.Advance(TimeSpan.FromSeconds(35));
        var fresh = _condition.Evaluate(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var stale = _condition.Evaluate(_time.GetUtcNow());

        Assert.Equal(HealthStatus.Healthy, fresh.Status);
        Assert.Equal(HealthStatus.Unhealthy, stale.Status);
        Assert.Equal("stale", stale.Reason);
    }
}
