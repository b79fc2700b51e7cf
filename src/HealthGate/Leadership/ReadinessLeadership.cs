using HealthGate.Health;
using HealthGate.Storage;
using Microsoft.Extensions.Options;

namespace HealthGate.Leadership;

/// <summary>
/// What the background readiness loop asks each period: lead (run the checks and share the run) or follow (serve the
/// leader's latest run). A failed share or read is logged and otherwise ignored: the result it would have refreshed
/// ages, and a stale result is 503, so nothing here can make a replica say ready.
/// </summary>
internal sealed class ReadinessLeadership(
    ILeaderElection election,
    IReadinessShare share,
    DeskName desk,
    IOptions<StorageOptions> storage,
    ILogger<ReadinessLeadership> logger) : IReadinessRole
{
    // Nothing waits on a hung store: a share or read not done by the store's write timeout has failed.
    private readonly TimeSpan _timeout = storage.Value.WriteTimeout;

    public ValueTask<bool> LeadAsync(CancellationToken cancellationToken) => election.TryLeadAsync(cancellationToken);

    public async Task ShareAsync(LedRun run, CancellationToken cancellationToken)
    {
        using var bounded = Bounded(cancellationToken);
        try
        {
            await share.WriteAsync(run, bounded.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LeadershipLog.ShareFailed(logger, desk.Value, ex.Message);
        }
    }

    public async Task<LedRun?> FollowAsync(CancellationToken cancellationToken)
    {
        using var bounded = Bounded(cancellationToken);
        try
        {
            return await share.ReadAsync(bounded.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LeadershipLog.FollowFailed(logger, desk.Value, ex.Message);
            return null;
        }
    }

    private CancellationTokenSource Bounded(CancellationToken cancellationToken)
    {
        var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_timeout);
        return bounded;
    }
}
