namespace HealthGate.Hosting;

/// <summary>What the service's background loops share.</summary>
internal static class TimeProviderExtensions
{
    /// <summary>
    /// Waits <paramref name="delay"/> on the injected clock; false once stopping instead of throwing: a host that
    /// never started still cancels the token when it is disposed, and that is no failure of the loop.
    /// </summary>
    public static async Task<bool> DelayOrStopAsync(this TimeProvider time, TimeSpan delay, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
