using HealthGate.Checks;

namespace HealthGate.Leadership;

/// <summary>SQLite: the one process leads and serves its own runs; there is no one to share them with.</summary>
internal sealed class NoReadinessShare : IReadinessShare
{
    public Task WriteAsync(CheckRun run, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<CheckRun?> ReadAsync(CancellationToken cancellationToken) => Task.FromResult<CheckRun?>(null);
}
