namespace HealthGate.Health;

/// <summary>The role of a process that is alone with its store: it always leads and has no one to share with.</summary>
internal sealed class SoleReadinessRole : IReadinessRole
{
    public ValueTask<bool> LeadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public Task ShareAsync(LedRun run, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<LedRun?> FollowAsync(CancellationToken cancellationToken) => Task.FromResult<LedRun?>(null);
}
