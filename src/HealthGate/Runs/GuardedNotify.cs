namespace HealthGate.Runs;

/// <summary>
/// The one guarded notify loop: tells every observer in turn, each in its own try/catch, so a failing observer is
/// reported and stops neither the others nor the caller. Observers are told with no cancellation: a caller hanging up
/// after the fact must not skip a count.
/// </summary>
internal static class GuardedNotify
{
    public static async Task EachAsync<TObserver>(IEnumerable<TObserver> observers, Func<TObserver, Task> tell, Action<TObserver, Exception> failed)
        where TObserver : class
    {
        ArgumentNullException.ThrowIfNull(observers);
        ArgumentNullException.ThrowIfNull(tell);
        ArgumentNullException.ThrowIfNull(failed);
        foreach (var observer in observers)
        {
            try
            {
                await tell(observer);
            }
            catch (Exception ex)
            {
                failed(observer, ex);
            }
        }
    }
}
