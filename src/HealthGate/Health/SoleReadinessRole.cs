using HealthGate.Checks;

namespace HealthGate.Health;

/// <summary>The role of a process that is alone with its store: it always leads and has no one to share with.</summary>
internal sealed class SoleReadinessRole : IReadinessRole
{
    public ValueTask<bool> LeadAsync(CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public Task ShareAsync(CheckRun run, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CheckRun?> FollowAsync(CancellationToken cancellationToken) => Task.FromResult<CheckRun?>(null);
}
