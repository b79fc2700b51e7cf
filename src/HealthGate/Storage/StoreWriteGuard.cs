using HealthGate.Checks;
using HealthGate.Secrets;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>
/// Every write goes through here: bounded by <c>Storage:WriteTimeoutMs</c> (a hung store fails the write instead of
/// holding the preflight; a write that ignores its token is abandoned, not awaited) and told to
/// <see cref="StoreWriteState"/>. A write cancelled by its caller (shutdown) says nothing about the store.
/// </summary>
internal sealed class StoreWriteGuard(StoreWriteState state, IOptions<StorageOptions> options, SecretRedactor redactor, TimeProvider time)
{
    public async Task RunAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await RunAsync(
            async token =>
            {
                await write(token);
                return true;
            },
            cancellationToken);
    }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var timeout = options.Value.WriteTimeout;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var task = Start(write, linked.Token);
        try
        {
            var result = await task.WaitAsync(linked.Token);
            state.Succeeded();
            return result;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Abandon(task);
            var error = $"the store did not complete the write within {timeout.TotalMilliseconds:F0} ms";
            state.Failed(error);
            throw new TimeoutException(error);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            state.Failed(redactor.Describe(ex));
            throw;
        }
    }

    private static Task<T> Start<T>(Func<CancellationToken, Task<T>> write, CancellationToken token)
    {
        try
        {
            return write(token);
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    /// <summary>The abandoned write may still end (or fail) later; its outcome is observed, never raised.</summary>
    private static void Abandon(Task task) =>
        _ = task.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
