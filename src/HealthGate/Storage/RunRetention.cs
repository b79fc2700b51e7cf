using HealthGate.Checks;
using HealthGate.Hosting;
using HealthGate.Secrets;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>Prunes preflight runs older than <c>RetentionDays</c>, at start and every interval. Never the operational log.</summary>
internal sealed class RunRetention(
    IRunStore store,
    IOptions<StorageOptions> options,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<RunRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var storage = options.Value;
        var interval = TimeSpan.FromMinutes(storage.PruneIntervalMinutes);
        do
        {
            var cutoff = time.GetUtcNow().AddDays(-storage.RetentionDays);
            try
            {
                var started = time.GetTimestamp();
                var pruned = await store.PruneRunsAsync(cutoff, stoppingToken);
                var elapsed = time.GetElapsedTime(started);
                if (pruned > 0)
                {
                    StorageLog.RunsPruned(logger, pruned, cutoff, elapsed.TotalMilliseconds);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                StorageLog.PruneFailed(logger, redactor.Describe(ex));
            }
        }
        while (await time.DelayOrStopAsync(interval, stoppingToken));
    }
}
