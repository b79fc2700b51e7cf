using HealthGate.Configuration;
using HealthGate.Preflight;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

/// <summary>
/// The store named by <c>HealthGate:Storage:Provider</c>, created on first use: hosted services are built before
/// options are validated, and a bad Storage key must be reported by the validator, not as a DI failure.
/// </summary>
internal sealed class ConfiguredGateStore(IOptions<HealthGateOptions> options, TimeProvider time) : IGateStore, IAsyncDisposable
{
    private readonly Lazy<IGateStore> _store = new(() =>
    {
        var storage = options.Value.Storage;
        return storage.IsPostgres
            ? new PostgresGateStore(storage.EffectiveConnectionString, time)
            : new SqliteGateStore(storage.EffectiveConnectionString, time);
    });

    private IGateStore Store => _store.Value;

    public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Store.EnsureSchemaAsync(cancellationToken);

    public Task SaveRunAsync(PreflightRun run, CancellationToken cancellationToken) => Store.SaveRunAsync(run, cancellationToken);

    public Task<PreflightRun?> FindRunAsync(string runId, CancellationToken cancellationToken) => Store.FindRunAsync(runId, cancellationToken);

    public Task<IReadOnlyList<PreflightRun>> ListRunsAsync(string? mode, int limit, CancellationToken cancellationToken) =>
        Store.ListRunsAsync(mode, limit, cancellationToken);

    public Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Store.PruneRunsAsync(cutoff, cancellationToken);

    public Task<OpLogEntry> AppendAsync(OpLogEntry entry, CancellationToken cancellationToken) => Store.AppendAsync(entry, cancellationToken);

    public Task<OpLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken) => Store.FindEntryAsync(id, cancellationToken);

    public Task<IReadOnlyList<OpLogEntry>> ListEntriesAsync(IReadOnlyCollection<string> kinds, int limit, CancellationToken cancellationToken) =>
        Store.ListEntriesAsync(kinds, limit, cancellationToken);

    public ValueTask DisposeAsync() =>
        _store.IsValueCreated && _store.Value is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
