using HealthGate.Checks;
using HealthGate.Hosting;
using Microsoft.Extensions.Options;

namespace HealthGate.Health;

/// <summary>
/// Runs the readiness checks every period, so that probe traffic never reaches the dependencies. Each run is
/// published first (probes read it), then told to each observer, each guarded: a failing observer neither stops
/// the loop nor keeps the others from hearing of the run.
/// </summary>
internal sealed class ReadinessPublisher(
    CheckRunner runner,
    ReadinessState state,
    IEnumerable<ICheckRunObserver> observers,
    IOptions<ReadinessOptions> options,
    TimeProvider time,
    ILogger<ReadinessPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var readiness = options.Value;
        var tiers = TierSelection.Parse(readiness.EffectiveTiers);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(readiness.PeriodSeconds), time);
        do
        {
            try
            {
                var run = await runner.RunAsync(tiers, stoppingToken);
                await state.PublishAsync(run);
                Notify(run);
                HealthLog.ReadinessRun(logger, run.Status, run.Checks.Count, run.Duration.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickOrStopAsync(stoppingToken));
    }

    private void Notify(CheckRun run)
    {
        foreach (var observer in observers)
        {
            try
            {
                observer.OnCheckRunCompleted(run);
            }
            catch (Exception ex)
            {
                HealthLog.ObserverFailed(logger, observer.GetType().Name, ex.GetType().Name);
            }
        }
    }
}
