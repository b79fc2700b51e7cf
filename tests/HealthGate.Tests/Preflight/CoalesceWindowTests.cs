using HealthGate.Checks;
using HealthGate.Preflight;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Preflight;

/// <summary>Which in-flight run a request may join, on a fake clock: only one that started within the window.</summary>
public sealed class CoalesceWindowTests
{
    private static readonly HashSet<CheckTier> P1 = [CheckTier.P1];

    [Fact]
    public async Task ARequestJoinsARunStartedWithinTheWindowAndStartsAFreshOneAfterIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var check = new HeldCheck();
        await using var app = Host(250, time, check);
        var preflight = app.Services.GetRequiredService<PreflightService>();

        var first = preflight.RunAsync("live", P1);
        time.Advance(TimeSpan.FromMilliseconds(250));
        var joined = preflight.RunAsync("live", P1);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var fresh = preflight.RunAsync("live", P1);
        time.Advance(TimeSpan.FromMilliseconds(100));
        var joinedFresh = preflight.RunAsync("live", P1);
        check.Release();

        Assert.Same(first, joined);
        Assert.NotSame(first, fresh);
        Assert.Same(fresh, joinedFresh);
        await Task.WhenAll(first, fresh);
        Assert.Equal(2, check.Runs);
    }

    [Fact]
    public async Task AZeroWindowJoinsOnlyARunStartedAtTheSameInstant()
    {
        var time = new FakeTimeProvider();
        var check = new HeldCheck();
        await using var app = Host(0, time, check);
        var preflight = app.Services.GetRequiredService<PreflightService>();

        var first = preflight.RunAsync("live", P1);
        var second = preflight.RunAsync("live", P1);
        time.Advance(TimeSpan.FromTicks(1));
        var third = preflight.RunAsync("live", P1);
        check.Release();

        Assert.Same(first, second);
        Assert.NotSame(first, third);
        await Task.WhenAll(first, third);
        Assert.Equal(2, check.Runs);
    }

    [Fact]
    public async Task OverTheRunCapALauncherWaitsForAndJoinsTheNextRun()
    {
        var time = new FakeTimeProvider();
        var check = new HeldCheck();
        check.Release();
        await using var app = Host(250, time, check, maxRunsPerSecond: 1);
        var preflight = app.Services.GetRequiredService<PreflightService>();

        var first = await preflight.RunAsync("live", P1);
        time.Advance(TimeSpan.FromMilliseconds(300));
        var capped = preflight.RunAsync("live", P1);
        time.Advance(TimeSpan.FromMilliseconds(600));
        var joined = preflight.RunAsync("live", P1);

        // 900 ms after the first run: the next may start at 1000 ms, and both waiting launchers share it.
        Assert.Same(capped, joined);
        Assert.False(capped.IsCompleted);
        Assert.Equal(1, check.Runs);
        time.Advance(TimeSpan.FromMilliseconds(100));
        var second = await capped.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, check.Runs);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(first.StartedAt.AddSeconds(1), second.StartedAt);
    }

    private static HealthGateApplication Host(int windowMs, TimeProvider time, HeldCheck check, int maxRunsPerSecond = 0) =>
        new(HealthGateApplication.Flatten([("Preflight:CoalesceWindowMs", windowMs), ("Preflight:MaxRunsPerSecond", maxRunsPerSecond)]))
        {
            ExtraServices = s =>
            {
                s.AddSingleton(time);
                s.AddHealthChecks().AddCheck("held", check, tags: ["P1"]);
            },
        };

    /// <summary>Holds every run until released, so runs stay in flight while the clock moves.</summary>
    private sealed class HeldCheck : IHealthCheck
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public void Release() => _release.TrySetResult();

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _runs);
            await _release.Task.WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("released");
        }
    }
}
