using HealthGate.Runs;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>
/// The store named by <c>HealthGate:Storage:Provider</c> (options are validated before anything builds it). Its writes
/// go through <see cref="StoreWriteGuard"/>: bounded in time, and their outcome is what <c>/health/self</c> reports.
/// </summary>
internal sealed class ConfiguredGateStore(IOptions<StorageOptions> options, StoreWriteGuard guard, TimeProvider time) : IGateStore, IAsyncDisposable
{
    private readonly IGateStore _store = options.Value.IsPostgres
        ? new PostgresGateStore(options.Value.EffectiveConnectionString, time)
        : new SqliteGateStore(options.Value.EffectiveConnectionString, time);

    // Not bounded by the write timeout: the start waits for the schema (an unreachable store stops it, exit 78).
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await _store.EnsureSchemaAsync(cancellationToken);
        await guard.RunAsync(_store.ProbeWriteAsync, cancellationToken);
    }

    public Task SaveRunAsync(PreflightRun run, CancellationToken cancellationToken) =>
        WriteAsync(token => _store.SaveRunAsync(run, token), cancellationToken);

    public Task<PreflightRun?> FindRunAsync(string runId, CancellationToken cancellationToken) => _store.FindRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<PreflightRun>> ListRunsAsync(string? mode, int limit, CancellationToken cancellationToken) =>
        _store.ListRunsAsync(mode, limit, cancellationToken);

    public Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => _store.PruneRunsAsync(cutoff, cancellationToken);

    public Task<OpLogEntry> AppendAsync(OpLogEntry entry, CancellationToken cancellationToken) =>
        WriteAsync(token => _store.AppendAsync(entry, token), cancellationToken);

    public Task<OpLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken) => _store.FindEntryAsync(id, cancellationToken);

    public Task<IReadOnlyList<OpLogEntry>> ListEntriesAsync(IReadOnlyCollection<string> kinds, int limit, CancellationToken cancellationToken) =>
        _store.ListEntriesAsync(kinds, limit, cancellationToken);

    public Task ProbeWriteAsync(CancellationToken cancellationToken) => WriteAsync(_store.ProbeWriteAsync, cancellationToken);

    public ValueTask DisposeAsync() => _store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    private Task<bool> WriteAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(
            async token =>
            {
                await write(token);
                return true;
            },
            cancellationToken);

    private async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            return await guard.RunAsync(write, cancellationToken);
        }
        catch (Exception) when (_store is PostgresGateStore postgres)
        {
            // Connections pooled before a server restart are dead: the next write opens fresh ones instead of failing on each.
            postgres.ClearPool();
            throw;
        }
    }
}
