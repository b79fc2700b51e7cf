using HealthGate.Runs;

namespace HealthGate.Storage;

/// <summary>
/// Run history and the operational log. Writes are durable when the returned task completes: a caller may
/// acknowledge them at once. The log has no update or delete; only runs are pruned.
/// </summary>
internal interface IGateStore
{
    /// <summary>Creates the tables if they are missing; safe to call again and from several replicas.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    Task SaveRunAsync(PreflightRun run, CancellationToken cancellationToken);

    Task<PreflightRun?> FindRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The latest runs, newest first, of one mode or of all when <paramref name="mode"/> is null.</summary>
    Task<IReadOnlyList<PreflightRun>> ListRunsAsync(string? mode, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes runs (with their checks) that started before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Appends an entry and returns it with its id and timestamp.</summary>
    Task<OpLogEntry> AppendAsync(OpLogEntry entry, CancellationToken cancellationToken);

    Task<OpLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken);

    /// <summary>The latest entries of the given kinds, newest first.</summary>
    Task<IReadOnlyList<OpLogEntry>> ListEntriesAsync(IReadOnlyCollection<string> kinds, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Proves the store takes a durable write: one row of <c>healthgate_store_probe</c> rewritten and committed as every
    /// record is. Nothing reads it back; it exists so an idle gate still knows whether it could record a run.
    /// </summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
