using HealthGate.Secrets;
using HealthGate.Storage;
using Microsoft.Extensions.Options;

namespace HealthGate.Notify;

/// <summary>
/// Turns queued runs and override changes, and the passing of time, into outbox rows: reads the desk's states from the
/// store (another replica may have moved them), applies <see cref="NotifyRules"/>, and writes each change with its
/// messages in one transaction that only the first replica to see the transition wins.
/// </summary>
internal sealed class NotifyPlanner(
    NotifyRules rules,
    NotifyTargets targets,
    NotifyQueue queue,
    INotifyStore store,
    IOptions<NotifyOptions> options,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<NotifyPlanner> logger)
{
    /// <summary>How often open problems are looked at for a reminder: often enough that one is at most this late.</summary>
    public static readonly TimeSpan ReminderCheck = TimeSpan.FromSeconds(15);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(PlanQueuedAsync(cancellationToken), RemindAsync(cancellationToken));
    }

    /// <summary>Decides and stores what one piece of work sends; the store's errors are the caller's.</summary>
    public async Task PlanAsync(NotifyWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var now = time.GetUtcNow();
        if (work.Run is { } run)
        {
            var states = (await store.ReadNotifyStatesAsync(cancellationToken)).ToDictionary(s => s.Subject, StringComparer.Ordinal);
            await WriteAsync(rules.OnRun(run, states, now), cancellationToken);
        }
        else if (work.Override is { } current && work.Entry is { } entry)
        {
            var entries = rules.OnOverride(current, entry, now).SelectMany(targets.EntriesFor).ToList();
            if (entries.Count > 0)
            {
                await store.EnqueueAsync(entries, cancellationToken);
                queue.WakeDelivery();
            }
        }
    }

    public async Task RemindDueAsync(CancellationToken cancellationToken) =>
        await WriteAsync(rules.Reminders(await store.ReadNotifyStatesAsync(cancellationToken), time.GetUtcNow()), cancellationToken);

    private async Task PlanQueuedAsync(CancellationToken cancellationToken)
    {
        await foreach (var work in queue.Work.ReadAllAsync(cancellationToken))
        {
            try
            {
                await PlanAsync(work, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                NotifyLog.PlanFailed(logger, work.Kind, redactor.Describe(ex));
            }
        }
    }

    private async Task RemindAsync(CancellationToken cancellationToken)
    {
        var period = options.Value.ReminderInterval < ReminderCheck ? options.Value.ReminderInterval : ReminderCheck;
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            try
            {
                await RemindDueAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                NotifyLog.PlanFailed(logger, "reminder", redactor.Describe(ex));
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<NotifyDecision> decisions, CancellationToken cancellationToken)
    {
        foreach (var decision in decisions)
        {
            var entries = targets.EntriesFor(decision.Message);
            if (!await store.AdvanceNotifyStateAsync(decision.ExpectedVersion, decision.Next, entries, cancellationToken))
            {
                NotifyLog.LostRace(logger, decision.Next.Subject);
                continue;
            }

            if (entries.Count > 0)
            {
                var names = string.Join(", ", entries.Select(e => e.Target));
                NotifyLog.Enqueued(logger, decision.Message!.DedupKey, decision.Next.Subject, decision.Message.Action, names);
                queue.WakeDelivery();
            }
        }
    }
}
