using HealthGate.OpLog;
using HealthGate.Preflight;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>The store named by <c>HealthGate:Storage:Provider</c> (options are validated before anything builds it).</summary>
internal sealed class ConfiguredGateStore(IOptions<StorageOptions> options, TimeProvider time) : IGateStore, IAsyncDisposable
{
    private readonly IGateStore _store = options.Value.IsPostgres
        ? new PostgresGateStore(options.Value.EffectiveConnectionString, time)
        : new SqliteGateStore(options.Value.EffectiveConnectionString, time);

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => _store.EnsureSchemaAsync(cancellationToken);

    public Task SaveRunAsync(PreflightRun run, CancellationToken cancellationToken) => _store.SaveRunAsync(run, cancellationToken);

    public Task<PreflightRun?> FindRunAsync(string runId, CancellationToken cancellationToken) => _store.FindRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<PreflightRun>> ListRunsAsync(string? mode, int limit, CancellationToken cancellationToken) =>
        _store.ListRunsAsync(mode, limit, cancellationToken);

    public Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => _store.PruneRunsAsync(cutoff, cancellationToken);

    public Task<OpLogEntry> AppendAsync(OpLogEntry entry, CancellationToken cancellationToken) => _store.AppendAsync(entry, cancellationToken);

    public Task<OpLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken) => _store.FindEntryAsync(id, cancellationToken);

    public Task<IReadOnlyList<OpLogEntry>> ListEntriesAsync(IReadOnlyCollection<string> kinds, int limit, CancellationToken cancellationToken) =>
        _store.ListEntriesAsync(kinds, limit, cancellationToken);

    public ValueTask DisposeAsync() => _store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
