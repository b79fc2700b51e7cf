using System.Collections.Concurrent;
using HealthGate.Runs;

namespace HealthGate.Replication;

/// <summary>
/// Runs of other replicas that a request here waits for (it joined them): the listener hands each run it reads over,
/// so the waiter answers at once instead of at its next look at the store.
/// </summary>
internal sealed class RunArrivals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<PreflightRun>> _waiting = new(StringComparer.Ordinal);

    public TaskCompletionSource<PreflightRun> Expect(string runId) =>
        _waiting.GetOrAdd(runId, _ => new TaskCompletionSource<PreflightRun>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Forget(string runId, TaskCompletionSource<PreflightRun> waiter) =>
        _waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource<PreflightRun>>(runId, waiter));

    public void Arrived(PreflightRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (_waiting.TryRemove(run.RunId, out var waiter))
        {
            waiter.TrySetResult(run);
        }
    }
}
