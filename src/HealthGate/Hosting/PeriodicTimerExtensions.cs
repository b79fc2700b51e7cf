namespace HealthGate.Hosting;

/// <summary>What the service's background loops share.</summary>
internal static class PeriodicTimerExtensions
{
    /// <summary>
    /// Like <see cref="PeriodicTimer.WaitForNextTickAsync"/>, but false once stopping instead of throwing: a host that
    /// never started still cancels the token when it is disposed, and that is no failure of the loop.
    /// </summary>
    public static async Task<bool> WaitForNextTickOrStopAsync(this PeriodicTimer timer, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
