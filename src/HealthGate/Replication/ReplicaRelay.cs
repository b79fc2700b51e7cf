using HealthGate.Acknowledgements;
using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Overrides;
using HealthGate.Runs;

namespace HealthGate.Replication;

/// <summary>
/// Tells the other replicas of every recorded preflight, every override change and every acknowledgement, right after it is durable
/// (observers hear of a run after the store took it): <c>NOTIFY</c> with the id only. A notification that cannot be
/// sent is logged; the run is recorded and answered all the same, and the others see it at their next catch-up.
/// </summary>
internal sealed class ReplicaRelay(ReplicaConnections connections, ReplicaChannels channels, SeenRuns seen, ILogger<ReplicaRelay> logger) : IRunObserver, IOverrideObserver, IAcknowledgementObserver
{
    public async Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        // A readiness run is not stored; an unrecorded preflight is not in the store to be read.
        if (!connections.Enabled || run.Preflight is not { } preflight || preflight.Checks.Any(c => c.Reason == Reasons.RecordFailed))
        {
            return;
        }

        // Seen before it is told, so this replica's own notification coming back is not fed twice.
        seen.Add(preflight.RunId, preflight.StartedAt);
        await SendAsync(channels.Runs, preflight.RunId);
    }

    public Task OnOverrideChangedAsync(OverrideRecord current, OpLogRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        return connections.Enabled
            ? SendAsync(channels.Overrides, current.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : Task.CompletedTask;
    }

    public Task OnAcknowledgedAsync(AcknowledgementRecord acknowledgement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        return connections.Enabled
            ? SendAsync(channels.Acknowledgements, acknowledgement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : Task.CompletedTask;
    }

    private async Task SendAsync(string channel, string id)
    {
        try
        {
            await connections.NotifyAsync(channel, id);
        }
        catch (Exception ex)
        {
            // The type only: a store exception's message may quote its connection string.
            ReplicationLog.NotifyFailed(logger, channel, id, ex.GetType().Name);
        }
    }
}
