using System.Data.Common;
using HealthGate.Runs;

namespace HealthGate.Storage;

/// <summary>
/// The store's statements, shared by SQLite and PostgreSQL: both take <c>@name</c> parameters, <c>LIMIT</c> and
/// <c>RETURNING</c>. Providers differ only in how they connect, their schema and how a timestamp is stored. Built
/// by the service with a <see cref="StoreWriteGuard"/>, every write (run, entry, probe) goes through it: bounded in
/// time, and its outcome is what <c>/health/self</c> reports. Without one (the store's own tests) writes are direct.
/// </summary>
internal abstract class SqlGateStore(TimeProvider time, StoreWriteGuard? guard) : IGateStore
{
    /// <summary>Who last wrote the probe row (replicas share it on PostgreSQL): the host and process, for whoever looks.</summary>
    private static readonly string ProbeWriter = $"{Environment.MachineName}/{Environment.ProcessId}";

    /// <summary>Not bounded by the write timeout: the start waits for the schema (an unreachable store stops it, exit 78).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await CreateSchemaAsync(cancellationToken);
        if (guard is not null)
        {
            await guard.RunAsync(ProbeCoreAsync, cancellationToken);
        }
    }

    protected abstract Task CreateSchemaAsync(CancellationToken cancellationToken);

    /// <summary>Called when a guarded write failed, before the failure is raised.</summary>
    protected virtual void OnWriteFailed()
    {
    }

    /// <summary>An open connection, set up for durable writes.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>The parameter value for a timestamp column (already truncated to whole milliseconds).</summary>
    protected abstract object ToDb(DateTimeOffset value);

    protected abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    public Task SaveRunAsync(PreflightRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WriteAsync(token => SaveRunCoreAsync(run, token), cancellationToken);
    }

    public async Task<PreflightRun?> FindRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runId);
        var runs = await QueryRunsAsync("WHERE run_id = @run_id", [("@run_id", runId)], 1, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    private async Task SaveRunCoreAsync(PreflightRun run, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = RunRows.InsertRun(connection, run, ToDb))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        for (var first = 0; first < run.Checks.Count; first += RunRows.ChecksPerInsert)
        {
            var count = Math.Min(RunRows.ChecksPerInsert, run.Checks.Count - first);
            await using var command = RunRows.InsertChecks(connection, run.RunId, run.Checks, first, count);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task<IReadOnlyList<PreflightRun>> ListRunsAsync(string? mode, int limit, CancellationToken cancellationToken) =>
        mode is null
            ? QueryRunsAsync("", [], limit, cancellationToken)
            : QueryRunsAsync("WHERE mode = @mode", [("@mode", mode)], limit, cancellationToken);

    public async Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var checks = Command(
            connection,
            "DELETE FROM healthgate_run_checks WHERE run_id IN (SELECT run_id FROM healthgate_runs WHERE started_at < @cutoff)",
            ("@cutoff", ToDb(StoreValues.Truncate(cutoff))));
        checks.Transaction = transaction;
        await checks.ExecuteNonQueryAsync(cancellationToken);
        await using var runs = Command(connection, "DELETE FROM healthgate_runs WHERE started_at < @cutoff", ("@cutoff", ToDb(StoreValues.Truncate(cutoff))));
        runs.Transaction = transaction;
        var deleted = await runs.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public Task<OpLogEntry> AppendAsync(OpLogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(token => AppendCoreAsync(entry, token), cancellationToken);
    }

    private async Task<OpLogEntry> AppendCoreAsync(OpLogEntry entry, CancellationToken cancellationToken)
    {
        var stamped = entry with { Timestamp = StoreValues.Truncate(time.GetUtcNow()) };
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = OpLogRows.Insert(connection, stamped, ToDb);

        // A single statement commits on its own; the provider has made it durable when this returns.
        var id = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return stamped with { Id = id };
    }

    public async Task<OpLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken)
    {
        var entries = await QueryEntriesAsync("WHERE id = @id", [("@id", id)], 1, cancellationToken);
        return entries.Count == 0 ? null : entries[0];
    }

    public Task<IReadOnlyList<OpLogEntry>> ListEntriesAsync(IReadOnlyCollection<string> kinds, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var parameters = kinds.Select((kind, i) => ($"@kind{i}", (object?)kind)).ToArray();
        var filter = parameters.Length == 0 ? "" : $"WHERE kind IN ({string.Join(", ", parameters.Select(p => p.Item1))})";
        return QueryEntriesAsync(filter, parameters, limit, cancellationToken);
    }

    public Task ProbeWriteAsync(CancellationToken cancellationToken) => WriteAsync(ProbeCoreAsync, cancellationToken);

    private async Task ProbeCoreAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(
            connection,
            "INSERT INTO healthgate_store_probe (id, written_at, written_by) VALUES (1, @written_at, @written_by) "
            + "ON CONFLICT (id) DO UPDATE SET written_at = excluded.written_at, written_by = excluded.written_by",
            ("@written_at", ToDb(StoreValues.Truncate(time.GetUtcNow()))),
            ("@written_by", ProbeWriter));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<T> WriteAsync<T>(Func<CancellationToken, Task<T>> write, CancellationToken cancellationToken)
    {
        if (guard is null)
        {
            return await write(cancellationToken);
        }

        try
        {
            return await guard.RunAsync(write, cancellationToken);
        }
        catch (Exception)
        {
            OnWriteFailed();
            throw;
        }
    }

    private Task<bool> WriteAsync(Func<CancellationToken, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(
            async token =>
            {
                await write(token);
                return true;
            },
            cancellationToken);

    protected static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // The SQL is built only from constants; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            StoreValues.AddParameter(command, name, value);
        }

        return command;
    }

    private async Task<IReadOnlyList<PreflightRun>> QueryRunsAsync(string filter, (string, object?)[] parameters, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, RunRows.Select(filter), [.. parameters, ("@limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RunRows.ReadAsync(reader, ReadTimestamp, cancellationToken);
    }

    private async Task<IReadOnlyList<OpLogEntry>> QueryEntriesAsync(string filter, (string, object?)[] parameters, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, OpLogRows.Select(filter), [.. parameters, ("@limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<OpLogEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(OpLogRows.Read(reader, ReadTimestamp));
        }

        return entries;
    }
}
