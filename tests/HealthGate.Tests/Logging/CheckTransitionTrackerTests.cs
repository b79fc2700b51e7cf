using HealthGate.Checks;
using HealthGate.Logging;
using HealthGate.Preflight;
using HealthGate.Tests.Infrastructure;
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
    public void ACheckFirstSeenHealthyLogsNothing()
    {
        _tracker.OnCheckRunCompleted(Run(Result("redis", HealthStatus.Healthy)));
        _tracker.OnCheckRunCompleted(Run(Result("redis", HealthStatus.Healthy)));

        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public void HealthyToUnhealthyAndBackLogsOneEventEachWay()
    {
        _tracker.OnCheckRunCompleted(Run(Result("redis", HealthStatus.Healthy)));
        _tracker.OnCheckRunCompleted(Run(Result("redis", HealthStatus.Unhealthy, "unreachable")));
        _tracker.OnCheckRunCompleted(Run(Result("redis", HealthStatus.Unhealthy, "unreachable")));
        _tracker.OnCheckRunCompleted(Run(Result("redis", HealthStatus.Healthy)));

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
    public void ACheckFirstSeenUnhealthyIsATransitionFromUnknown()
    {
        _tracker.OnCheckRunCompleted(Run(Result("postgres", HealthStatus.Unhealthy, "timeout")));

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal(7001, entry.EventId.Id);
        Assert.Equal(CheckTransitionTracker.Unknown, entry["Previous"]);
    }

    [Fact]
    public void BecomingDegradedIsAWarning()
    {
        _tracker.OnCheckRunCompleted(Run(Result("binance", HealthStatus.Healthy)));
        _tracker.OnCheckRunCompleted(Run(Result("binance", HealthStatus.Degraded, "slow")));

        var entry = Assert.Single(_logs.Entries);
        Assert.Equal(7002, entry.EventId.Id);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("slow", entry["Reason"]);
    }

    [Fact]
    public void TransitionsAreKeyedByCheckName()
    {
        _tracker.OnCheckRunCompleted(Run(Result("a", HealthStatus.Healthy), Result("b", HealthStatus.Healthy)));
        _tracker.OnCheckRunCompleted(Run(Result("a", HealthStatus.Unhealthy), Result("b", HealthStatus.Healthy)));
        _tracker.OnCheckRunCompleted(Run(Result("a", HealthStatus.Unhealthy), Result("b", HealthStatus.Unhealthy)));

        Assert.Equal(["a", "b"], _logs.WithEventId(7001).Select(e => e["Check"]));
    }

    [Fact]
    public async Task PreflightsAndReadinessRunsShareOneHistoryPerCheck()
    {
        _tracker.OnCheckRunCompleted(Run(Result("risk", HealthStatus.Healthy)));
        await _tracker.OnPreflightCompletedAsync(Preflight("live", Result("risk", HealthStatus.Unhealthy, "ess_active")), CancellationToken.None);
        _tracker.OnCheckRunCompleted(Run(Result("risk", HealthStatus.Unhealthy, "ess_active")));
        _tracker.OnCheckRunCompleted(Run(Result("risk", HealthStatus.Healthy)));

        Assert.Collection(
            _logs.Entries,
            down => Assert.Equal(("preflight:live", 7001), (down["Source"], down.EventId.Id)),
            up => Assert.Equal(("readiness", 7003), (up["Source"], up.EventId.Id)));
    }

    public void Dispose() => _factory.Dispose();

    private static CheckResult Result(string name, HealthStatus status, string reason = "ok") =>
        new(name, "redis", CheckTier.P0, status, 1.5, reason, $"{name} is {status}", new Dictionary<string, object>());

    private static CheckRun Run(params CheckResult[] results) => new(DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(2), results);

    private static PreflightRun Preflight(string mode, params CheckResult[] results) => PreflightRun.From(RunId.New(DateTimeOffset.UtcNow), mode, Run(results));
}
