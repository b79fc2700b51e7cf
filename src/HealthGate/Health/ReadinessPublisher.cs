using HealthGate.Checks;
using HealthGate.Hosting;
using HealthGate.Runs;
using Microsoft.Extensions.Options;

namespace HealthGate.Health;

/// <summary>
/// Runs the readiness checks every period, so that probe traffic never reaches the dependencies. Each run is
/// published first (probes read it), then told to each observer, each guarded: a failing observer neither stops
/// the loop nor keeps the others from hearing of the run. Only the desk's leader runs the checks and shares the run;
/// the other replicas publish the leader's latest shared run (its own start time, so it turns stale as it would).
/// </summary>
internal sealed class ReadinessPublisher(
    CheckRunner runner,
    ReadinessState state,
    RunNotifier notifier,
    IOptions<ReadinessOptions> options,
    ReadinessSmoothing smoothing,
    IReadinessRole leadership,
    TimeProvider time,
    ILogger<ReadinessPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var readiness = options.Value;
        var tiers = TierSelection.Parse(readiness.EffectiveTiers);
        var period = TimeSpan.FromSeconds(readiness.PeriodSeconds);
        do
        {
            try
            {
                if (!await leadership.LeadAsync(stoppingToken))
                {
                    // A follower serves the leader's run, and its observers (check gauges, transitions, the dashboard) hear
                    // the leader's raw run, as they heard their own before: a follower's check gauges are never left at 0.
                    if (await leadership.FollowAsync(stoppingToken) is { } led && led.Smoothed.StartedAt != state.Latest?.StartedAt)
                    {
                        await state.PublishAsync(led.Smoothed);
                        await notifier.NotifyAsync(CompletedRun.OfReadiness(led.Raw));
                    }

                    continue;
                }

                // Observers (metrics, transitions, the dashboard) hear the raw run; only the readiness answer is smoothed.
                var run = await runner.RunAsync(tiers, stoppingToken);
                var smoothed = smoothing.Apply(run);
                await state.PublishAsync(smoothed);
                await leadership.ShareAsync(new LedRun(run, smoothed), stoppingToken);
                await notifier.NotifyAsync(CompletedRun.OfReadiness(run));
                HealthLog.ReadinessRun(logger, run.Status, run.Checks.Count, run.Duration.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await time.DelayOrStopAsync(Jittered(period), stoppingToken));
    }

    /// <summary>Up to 10 % either way, so replicas started together do not probe every dependency in step.</summary>
    private static TimeSpan Jittered(TimeSpan period) => period * (0.9 + (Random.Shared.NextDouble() * 0.2));
}
