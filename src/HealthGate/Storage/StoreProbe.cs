using HealthGate.Hosting;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>
/// Every <c>Storage:ProbeSeconds</c>, a one-row write when no other write has succeeded within the period: an idle gate
/// still learns that its store stopped taking writes, and a failing one learns when it takes them again. Probes of
/// <c>/health/self</c> only read the outcome, so they never reach the store.
/// </summary>
internal sealed class StoreProbe(IGateStore store, StoreWriteState state, IOptions<StorageOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.ProbePeriod;
        while (await time.DelayOrStopAsync(period, stoppingToken))
        {
            if (state.Latest is { Succeeded: true } latest && time.GetUtcNow() - latest.At < period)
            {
                continue;
            }

            try
            {
                await store.ProbeWriteAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Told to the write state by the store's guard (and logged there on the transition); probe again next period.
            }
        }
    }
}
