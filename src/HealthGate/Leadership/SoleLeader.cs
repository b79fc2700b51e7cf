namespace HealthGate.Leadership;

/// <summary>SQLite: one process owns the store, so it always leads.</summary>
internal sealed class SoleLeader : ILeaderElection
{
    public bool IsLeader => true;

    public ValueTask<bool> TryLeadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);
}
