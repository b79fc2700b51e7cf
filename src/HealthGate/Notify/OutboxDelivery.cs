using System.Collections.Concurrent;
using HealthGate.Secrets;
using HealthGate.Storage;
using Microsoft.Extensions.Options;

namespace HealthGate.Notify;

/// <summary>
/// Delivers the outbox: woken on every enqueue and polling every 250 ms, it claims each target's oldest due message
/// (so a target gets its messages in order) and sends targets side by side, so one that hangs delays only itself. A
/// failed attempt is retried with back-off until it is delivered or refused for good: at least once, never lost.
/// </summary>
internal sealed class OutboxDelivery(
    NotifyTargets targets,
    NotifySender sender,
    NotifyQueue queue,
    INotifyStore store,
    NotifyMetrics metrics,
    IOptions<NotifyOptions> options,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<OutboxDelivery> logger)
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Delivered messages are kept this long (for whoever inspects the table), then pruned.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(7);

    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pruned = DateTimeOffset.MinValue;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                await DeliverDueAsync(now, cancellationToken);
                if (now - pruned > PruneEvery)
                {
                    await store.PruneOutboxAsync(now - Keep, cancellationToken);
                    pruned = now;
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                NotifyLog.OutboxFailed(logger, redactor.Describe(ex));
            }

            await queue.WaitForDeliveryAsync(Poll, time, cancellationToken);
        }

        await Task.WhenAll(_inFlight.Values);
    }

    /// <summary>Claims and starts the due heads of the targets not already sending; returns without waiting for them.</summary>
    public async Task DeliverDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The lease outlasts one attempt, so nobody else claims a message while it is being sent.
        var lease = now + TimeSpan.FromSeconds(options.Value.TimeoutSeconds) + TimeSpan.FromSeconds(20);
        var busy = _inFlight.Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var row in await store.ClaimDueAsync(now, lease, busy, cancellationToken))
        {
            // Registered before it starts, so its own removal at the end can never come first.
            var delivery = new Task<Task>(() => DeliverAsync(row, cancellationToken));
            _inFlight[row.Target] = delivery.Unwrap();
            delivery.Start(TaskScheduler.Default);
        }
    }

    private async Task DeliverAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        try
        {
            if (targets.Find(row.Target) is not { } target)
            {
                NotifyLog.UnknownTarget(logger, row.DedupKey, row.Target);
                await store.CompleteAsync(row.Id, time.GetUtcNow(), NotifyMetrics.Rejected, cancellationToken);
                return;
            }

            var result = await sender.SendAsync(target, row, cancellationToken);
            metrics.Record(row.Target, result.Outcome);
            var now = time.GetUtcNow();
            switch (result.Outcome)
            {
                case NotifyMetrics.Delivered:
                    await store.CompleteAsync(row.Id, now, result.Outcome, cancellationToken);
                    NotifyLog.Delivered(logger, row.DedupKey, row.Target, row.Attempts, (long)(now - row.CreatedAt).TotalMilliseconds);
                    break;
                case NotifyMetrics.Rejected:
                    await store.CompleteAsync(row.Id, now, result.Outcome, cancellationToken);
                    NotifyLog.Rejected(logger, row.DedupKey, row.Target, result.Status, result.Error);
                    break;
                default:
                    await store.RetryLaterAsync(row.Id, now + result.RetryAfter, result.Error, cancellationToken);
                    NotifyLog.Retrying(logger, row.DedupKey, row.Target, row.Attempts, result.Error, (long)result.RetryAfter.TotalMilliseconds);
                    break;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping mid-attempt: hand the message back now rather than when the lease runs out.
            await store.RetryLaterAsync(row.Id, time.GetUtcNow(), "stopped before an answer", CancellationToken.None);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The lease runs out and the message is claimed again: nothing is lost.
            NotifyLog.OutboxFailed(logger, redactor.Describe(ex));
        }
        finally
        {
            _inFlight.TryRemove(row.Target, out _);
            queue.WakeDelivery();
        }
    }
}
