using HealthGate.Checks;
using HealthGate.Preflight;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Checks;

/// <summary>Per-check timeouts on the injected clock: a fake clock decides them, to the millisecond.</summary>
public sealed class CheckTimeoutTests
{
    private static readonly HashSet<CheckTier> P1 = [CheckTier.P1];

    [Fact]
    public async Task ACheckThatNeverAnswersIsATimeoutExactlyAtItsTimeoutWhileAQuickOneIsNot()
    {
        var time = new FakeTimeProvider();
        var silent = new SilentCheck();
        await using var app = new HealthGateApplication(new Dictionary<string, string?>())
        {
            ExtraServices = s =>
            {
                s.AddSingleton<TimeProvider>(time);
                s.AddHealthChecks()
                    .Add(new HealthCheckRegistration("silent", silent, HealthStatus.Unhealthy, ["P1", "custom"], TimeSpan.FromMilliseconds(1500)))
                    .Add(new HealthCheckRegistration("quick", _ => new QuickCheck(), HealthStatus.Unhealthy, ["P1", "custom"], TimeSpan.FromMilliseconds(1500)));
            },
        };
        var runner = app.Services.GetRequiredService<CheckRunner>();

        var run = runner.RunAsync(P1, CancellationToken.None);
        await ProcessRunner.WaitUntilAsync(() => Task.FromResult(silent.Started), TimeSpan.FromSeconds(10), "the silent check started");
        time.Advance(TimeSpan.FromMilliseconds(1499));
        Assert.False(run.IsCompleted, "the run ended before the timeout");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        var timedOut = result.Checks.Single(c => c.Name == "silent");
        Assert.Equal((HealthStatus.Unhealthy, Reasons.Timeout), (timedOut.Status, timedOut.Reason));
        Assert.Equal(1500, timedOut.DurationMs);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), result.Duration);
        Assert.Equal(Reasons.Ok, result.Checks.Single(c => c.Name == "quick").Reason);
    }

    private sealed class SilentCheck : IHealthCheck
    {
        private volatile bool _started;

        public bool Started => _started;

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            _started = true;

            // Ignores its token: only the runner's own abandonment at the timeout ends it.
            await Task.Delay(Timeout.InfiniteTimeSpan, CancellationToken.None);
            return HealthCheckResult.Healthy();
        }
    }

    private sealed class QuickCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy("at once"));
    }
}
