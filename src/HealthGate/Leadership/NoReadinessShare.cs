using HealthGate.Health;

namespace HealthGate.Leadership;

/// <summary>SQLite: the one process leads and serves its own runs; there is no one to share them with.</summary>
internal sealed class NoReadinessShare : IReadinessShare
{
    public Task WriteAsync(LedRun run, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<LedRun?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<LedRun?>(null);
}
