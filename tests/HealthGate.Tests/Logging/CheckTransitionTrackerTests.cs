using HealthGate.Checks;
using HealthGate.Runs;
using HealthGate.Tests.Infrastructure;
using HealthGate.Transitions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace HealthGate.Tests.Logging;

/// <summary>One log event per status change of a check, keyed by check name, from readiness runs and preflights alike.</summary>
public sealed class CheckTransitionTrackerTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _factory;
    private readonly CheckTransitionTracker _tracker;

    public CheckTransitionTrackerTests()
    {
        _factory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
        _tracker = new CheckTransitionTracker(_factory.CreateLogger<CheckTransitionTracker>());
    }

    [Fact]
    public async Task ACheckFirstSeenHealthyLogsNothing()
    {
        await _tracker.OnRunCompletedAsync(Readiness(Result("redis", HealthStatus.Healthy)), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("redis", HealthStatus.Healthy)), CancellationToken.None);

        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public async Task HealthyToUnhealthyAndBackLogsOneEventEachWay()
    {
        await _tracker.OnRunCompletedAsync(Readiness(Result("redis", HealthStatus.Healthy)), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("redis", HealthStatus.Unhealthy, "unreachable")), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("redis", HealthStatus.Unhealthy, "unreachable")), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("redis", HealthStatus.Healthy)), CancellationToken.None);

        Assert.Collection(
            _logs.Entries,
            down =>
            {
                Assert.Equal(7001, down.EventId.Id);
                Assert.Equal(LogLevel.Error, down.Level);
                Assert.Equal("redis", down["Check"]);
                Assert.Equal("Healthy", down["Previous"]);
                Assert.Equal("unreachable", down["Reason"]);
                Assert.Equal("P0", down["Tier"]);
                Assert.Equal("readiness", down["Source"]);
            },
            up =>
            {
                Assert.Equal(7003, up.EventId.Id);
                Assert.Equal(LogLevel.Information, up.Level);
                Assert.Equal("Unhealthy", up["Previous"]);
            });
    }

    [Fact]
    public async Task ACheckFirstSeenUnhealthyIsATransitionFromUnknown()
    {
        await _tracker.OnRunCompletedAsync(Readiness(Result("postgres", HealthStatus.Unhealthy, "timeout")), CancellationToken.None);

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal(7001, entry.EventId.Id);
        Assert.Equal(CheckTransitionTracker.Unknown, entry["Previous"]);
    }

    [Fact]
    public async Task BecomingDegradedIsAWarning()
    {
        await _tracker.OnRunCompletedAsync(Readiness(Result("binance", HealthStatus.Healthy)), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("binance", HealthStatus.Degraded, "slow")), CancellationToken.None);

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal(7002, entry.EventId.Id);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("slow", entry["Reason"]);
    }

    [Fact]
    public async Task TransitionsAreKeyedByCheckName()
    {
        await _tracker.OnRunCompletedAsync(Readiness(Result("a", HealthStatus.Healthy), Result("b", HealthStatus.Healthy)), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("a", HealthStatus.Unhealthy), Result("b", HealthStatus.Healthy)), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("a", HealthStatus.Unhealthy), Result("b", HealthStatus.Unhealthy)), CancellationToken.None);

        Assert.Equal(["a", "b"], _logs.WithEventId(7001).Select(e => e["Check"]));
    }

    [Fact]
    public async Task PreflightsAndReadinessRunsShareOneHistoryPerCheck()
    {
        await _tracker.OnRunCompletedAsync(Readiness(Result("risk", HealthStatus.Healthy)), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Preflight("live", Result("risk", HealthStatus.Unhealthy, "ess_active")), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("risk", HealthStatus.Unhealthy, "ess_active")), CancellationToken.None);
        await _tracker.OnRunCompletedAsync(Readiness(Result("risk", HealthStatus.Healthy)), CancellationToken.None);

        Assert.Collection(
            _logs.Entries,
            down => Assert.Equal(("preflight:live", 7001), (down["Source"], down.EventId.Id)),
            up => Assert.Equal(("readiness", 7003), (up["Source"], up.EventId.Id)));
    }

    public void Dispose() => _factory.Dispose();

    private static CheckResult Result(string name, HealthStatus status, string reason = "ok") =>
        new(name, "redis", CheckTier.P0, status, 1.5, reason, $"{name} is {status}", new Dictionary<string, object>());

    private static CheckRun Run(params CheckResult[] results) => new(DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(2), results);

    private static CompletedRun Readiness(params CheckResult[] results) => CompletedRun.OfReadiness(Run(results));

    private static CompletedRun Preflight(string mode, params CheckResult[] results) =>
        CompletedRun.OfPreflight(PreflightRun.From(RunId.New(DateTimeOffset.UtcNow), mode, Run(results)));
}
