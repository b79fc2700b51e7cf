using HealthGate.Contracts;
using HealthGate.Overrides;
using HealthGate.Runs;

namespace HealthGate.Notify;

/// <summary>Hears every completed run and override change and queues it for the planner; never waits, never throws.</summary>
internal sealed class NotifyObserver(NotifyTargets targets, NotifyQueue queue, ILogger<NotifyObserver> logger) : IRunObserver, IOverrideObserver
{
    public Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        Post(new NotifyWork(run));
        return Task.CompletedTask;
    }

    public Task OnOverrideChangedAsync(OverrideRecord current, OpLogRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(entry);
        Post(new NotifyWork(null, current, entry));
        return Task.CompletedTask;
    }

    private void Post(NotifyWork work)
    {
        if (targets.Any && !queue.Post(work))
        {
            NotifyLog.QueueFull(logger, work.Kind);
        }
    }
}
