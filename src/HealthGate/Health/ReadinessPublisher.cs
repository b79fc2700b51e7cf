using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Hosting;
using Microsoft.Extensions.Options;

namespace HealthGate.Health;

/// <summary>Runs the readiness checks every period, so that probe traffic never reaches the dependencies.</summary>
internal sealed class ReadinessPublisher(
    CheckRunner runner,
    ReadinessState state,
    IEnumerable<ICheckRunObserver> observers,
    IOptions<HealthGateOptions> options,
    ILogger<ReadinessPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var readiness = options.Value.Readiness;
        var tiers = readiness.Tiers!.Select(t => CheckTiers.TryParse(t, out var tier) ? tier : CheckTier.P0).ToHashSet();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(readiness.PeriodSeconds));
        do
        {
            try
            {
                var run = await runner.RunAsync(tiers, stoppingToken);
                await state.PublishAsync(run);
                foreach (var observer in observers)
                {
                    observer.OnCheckRunCompleted(run);
                }

                HealthLog.ReadinessRun(logger, run.Status, run.Checks.Count, run.Duration.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickOrStopAsync(stoppingToken));
    }
}
