using HealthGate.Secrets;

namespace HealthGate.Overrides;

/// <summary>
/// Records the expiry of every override whose window closed, so the log says so even when nobody touches it again.
/// Reads never wait for it: an override past its window already reads as expired, and nothing uses it.
/// </summary>
internal sealed class OverrideExpiry(OverrideService overrides, SecretRedactor redactor, TimeProvider time, ILogger<OverrideExpiry> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            try
            {
                await overrides.ExpireDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                OverridesLog.ExpirySweepFailed(logger, redactor.Describe(ex));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
