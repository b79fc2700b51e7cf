using System.Data.Common;
using HealthGate.Contracts;
using HealthGate.Desks;
using HealthGate.Runs;

namespace HealthGate.Storage;

/// <summary>
/// The store's statements, shared by SQLite and PostgreSQL: both take <c>@name</c> parameters, <c>LIMIT</c> and
/// <c>RETURNING</c>. Providers differ only in how they connect, their schema and how a timestamp is stored. Built
/// by the service with a <see cref="StoreWriteGuard"/>, every write (run, entry, probe) goes through it: bounded in
/// time, and its outcome is what <c>/health/self</c> reports. Without one (the store's own tests) writes are direct.
/// A store serves one desk (<see cref="Desk"/>): every row it writes carries the desk and every read filters on it, so
/// desks sharing a database see nothing of each other; the op-log's chain (seq, prevHash, lock) is the desk's own.
/// </summary>
internal abstract partial class SqlGateStore(TimeProvider time, StoreWriteGuard? guard, byte[]? signingKey, string desk) : IGateStore
{
    /// <summary>Who last wrote the probe row (replicas share it on PostgreSQL): the host and process, for whoever looks.</summary>
    private static readonly string ProbeWriter = $"{Environment.MachineName}/{Environment.ProcessId}";

    private TimeProvider Clock => time;

    /// <summary>The desk whose rows this store reads and writes (<c>HealthGate:Desk:Name</c>).</summary>
    public string Desk { get; } = DeskOptionsValidator.IsValidName(desk)
        ? desk
        : throw new ArgumentException($"'{desk}' is not a desk name (1-{DeskOptionsValidator.MaxLength} characters of a-z, 0-9, '_' and '-')", nameof(desk));

    /// <summary>The HMAC key of <c>Audit:SigningKey</c>; held here, never written to the store.</summary>
    private byte[]? SigningKey => signingKey;

    /// <summary>Not bounded by the write timeout: the start waits for the schema (an unreachable store stops it, exit 78).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await CreateSchemaAsync(cancellationToken);
        await InChainAsync(chain => MigrateLegacyLogAsync(chain, cancellationToken), cancellationToken);
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
        var runs = await QueryRunsAsync("run_id = @run_id", [("@run_id", runId)], 1, cancellationToken);
        return runs.Count == 0 ? null : runs[0];
    }

    private async Task SaveRunCoreAsync(PreflightRun run, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = RunRows.InsertRun(connection, run, Desk, ToDb))
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
            ? QueryRunsAsync(null, [], limit, cancellationToken)
            : QueryRunsAsync("mode = @mode", [("@mode", mode)], limit, cancellationToken);

    public Task<IReadOnlyList<PreflightRun>> ListRunsBeforeAsync(string? mode, PreflightRun before, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        var filter = "(started_at < @at OR (started_at = @at AND run_id < @before))" + (mode is null ? "" : " AND mode = @mode");
        (string, object?)[] parameters = [("@at", ToDb(StoreValues.Truncate(before.StartedAt))), ("@before", before.RunId), ("@mode", mode)];
        return QueryRunsAsync(filter, mode is null ? parameters[..2] : parameters, limit, cancellationToken);
    }

    /// <summary>Runs deleted per prune transaction: each batch holds the writer lock for milliseconds, not for the whole prune.</summary>
    internal int PruneBatchSize { get; set; } = 500;

    /// <summary>The pause between batches, in which a waiting save takes the writer lock (SQLite's busy handler polls).</summary>
    internal TimeSpan PrunePause { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Called after each committed batch with its size: tests count the transactions, never the service.</summary>
    internal Action<int>? BatchPruned { get; set; }

    /// <summary>
    /// In batches of <see cref="PruneBatchSize"/> runs, oldest first (the <c>started_at</c> index), each its own short
    /// transaction: a preflight's save waits for one batch at most, never for the whole prune.
    /// </summary>
    public async Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var before = ToDb(StoreValues.Truncate(cutoff));
        var total = 0;
        var from = ToDb(DateTimeOffset.MinValue);
        while (true)
        {
            var (deleted, last) = await PruneBatchAsync(from, before, cancellationToken);
            total += deleted;
            if (deleted > 0)
            {
                BatchPruned?.Invoke(deleted);
            }

            if (deleted < PruneBatchSize)
            {
                return total;
            }

            from = ToDb(last);
            await Task.Delay(PrunePause, cancellationToken);
        }
    }

    /// <summary>
    /// One batch: the oldest runs from <paramref name="from"/> (the previous batch's last start, the earliest time for the first) up to
    /// the cutoff. Starting where the last batch ended matters on PostgreSQL: the deleted rows' index entries stay until
    /// a vacuum, and a scan from the index's start would step over all of them again, batch after batch (~30 ms of a
    /// shared core per batch by the end of 1M runs). Every run older than the last one read was in that batch.
    /// </summary>
    private async Task<(int Deleted, DateTimeOffset Last)> PruneBatchAsync(object from, object cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<string>(PruneBatchSize);
        var last = DateTimeOffset.MinValue;
        await using (var select = Command(
            connection,
            "SELECT run_id, started_at FROM healthgate_runs WHERE desk = @desk AND started_at >= @from AND started_at < @cutoff ORDER BY started_at LIMIT @batch",
            ("@desk", Desk),
            ("@from", from),
            ("@cutoff", cutoff),
            ("@batch", PruneBatchSize)))
        {
            select.Transaction = transaction;
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetString(0));
                last = ReadTimestamp(reader, 1);
            }
        }

        if (ids.Count > 0)
        {
            // The ids read, not the condition again: the checks and the runs deleted are exactly the same runs.
            var parameters = ids.Select((id, i) => ($"@r{i}", (object?)id)).ToArray();
            var list = string.Join(", ", parameters.Select(p => p.Item1));
            foreach (var table in (string[])["healthgate_run_checks", "healthgate_runs"])
            {
                await using var delete = Command(connection, $"DELETE FROM {table} WHERE run_id IN ({list})", parameters);
                delete.Transaction = transaction;
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (ids.Count > 0)
        {
            // Only after deleting: a prune that found nothing leaves the WAL as the writes left it.
            await AfterPruneBatchAsync(connection, cancellationToken);
        }

        return (ids.Count, last);
    }

    /// <summary>After a committed prune batch, outside its transaction: the provider's own housekeeping.</summary>
    protected virtual Task AfterPruneBatchAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<OpLogRecord> AppendAsync(OpLogRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(token => InChainAsync(chain => chain.AppendAsync(entry, token), token), cancellationToken);
    }

    public Task<IReadOnlyList<OpLogRecord>> ReadEntriesAsync(OpLogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string> { "desk = @desk", "seq > @after" };
        var parameters = new List<(string, object?)> { ("@desk", Desk), ("@after", query.AfterSeq) };
        if (query.Kinds.Count > 0)
        {
            var kinds = query.Kinds.Select((kind, i) => ($"@kind{i}", (object?)kind)).ToArray();
            filters.Add($"kind IN ({string.Join(", ", kinds.Select(k => k.Item1))})");
            parameters.AddRange(kinds);
        }

        AddFilter(filters, parameters, "seq < @before", "@before", query.BeforeSeq);
        AddFilter(filters, parameters, "at >= @from", "@from", query.From is { } from ? ToDb(StoreValues.Truncate(from)) : null);
        AddFilter(filters, parameters, "at < @to", "@to", query.To is { } to ? ToDb(StoreValues.Truncate(to)) : null);
        AddFilter(filters, parameters, "run_id = @run_id", "@run_id", query.RunId);
        AddFilter(filters, parameters, "override_id = @override_id", "@override_id", query.OverrideId);
        return QueryAsync(
            OpLogTable.Select("WHERE " + string.Join(" AND ", filters), query.NewestFirst),
            [.. parameters, ("@limit", query.Limit)],
            reader => OpLogTable.Read(reader, ReadTimestamp),
            cancellationToken);
    }

    private static void AddFilter(List<string> filters, List<(string, object?)> parameters, string filter, string name, object? value)
    {
        if (value is not null)
        {
            filters.Add(filter);
            parameters.Add((name, value));
        }
    }

    public Task<(OverrideRecord Override, OpLogRecord Entry)> CreateOverrideAsync(OverrideRecord draft, OpLogRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(
            token => InChainAsync(
                async chain =>
                {
                    var stored = draft with { RequestedAt = StoreValues.Truncate(draft.RequestedAt), ExpiresAt = StoreValues.Truncate(draft.ExpiresAt) };
                    await using var insert = OverrideTable.Insert(chain.Connection, stored, Desk, ToDb);
                    insert.Transaction = chain.Transaction;
                    var id = Convert.ToInt64(await insert.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
                    var appended = await chain.AppendAsync(entry with { OverrideId = id }, token);
                    return (stored with { Id = id }, appended);
                },
                token),
            cancellationToken);
    }

    public async Task<OverrideRecord?> FindOverrideAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var found = await ReadOverridesAsync(connection, null, "id = @id", [("@id", id)], 1, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<OverrideRecord>> ListOverridesAsync(string? state, long? beforeId, int limit, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        var parameters = new List<(string, object?)>();
        AddFilter(filters, parameters, "state = @state", "@state", state);
        AddFilter(filters, parameters, "id < @before", "@before", beforeId);
        await using var connection = await OpenAsync(cancellationToken);
        var condition = filters.Count == 0 ? null : string.Join(" AND ", filters);
        return await ReadOverridesAsync(connection, null, condition, [.. parameters], limit, cancellationToken);
    }

    public async Task<IReadOnlyList<OverrideRecord>> ListExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ReadOverridesAsync(
            connection,
            null,
            "state IN (@pending, @approved) AND expires_at <= @now",
            [("@pending", OverrideStates.Pending), ("@approved", OverrideStates.Approved), ("@now", ToDb(StoreValues.Truncate(now)))],
            ExpiryBatch,
            cancellationToken);
    }

    /// <summary>At most this many expiries per sweep: the next sweep takes the rest.</summary>
    private const int ExpiryBatch = 100;

    public Task<TResult> ChangeOverrideAsync<TResult>(long id, Func<OverrideRecord?, OverrideChange<TResult>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return WriteAsync(
            token => InChainAsync(
                async chain =>
                {
                    var current = await ReadOverridesAsync(chain.Connection, chain.Transaction, "id = @id", [("@id", id)], 1, token);
                    var change = decide(current.Count == 0 ? null : current[0]);
                    if (change.Updated is not { } updated)
                    {
                        return change.Result;
                    }

                    await using (var update = OverrideTable.Update(chain.Connection, updated, ToDb))
                    {
                        update.Transaction = chain.Transaction;
                        await update.ExecuteNonQueryAsync(token);
                    }

                    if (change.NewApproval is { } approval)
                    {
                        // The decision's own entry is the next one on the chain: its seq orders decisions given in one millisecond.
                        var decidedSeq = (await chain.HeadAsync(token)).Seq + 1;
                        await using var insert = OverrideTable.InsertApproval(chain.Connection, id, approval with { At = StoreValues.Truncate(approval.At) }, decidedSeq, ToDb);
                        insert.Transaction = chain.Transaction;
                        await insert.ExecuteNonQueryAsync(token);
                    }

                    foreach (var entry in change.Entries)
                    {
                        await chain.AppendAsync(entry with { OverrideId = id }, token);
                    }

                    return change.Result;
                },
                token),
            cancellationToken);
    }

    /// <summary>This desk's overrides matching <paramref name="condition"/> (all when null), with their decisions.</summary>
    private async Task<IReadOnlyList<OverrideRecord>> ReadOverridesAsync(
        DbConnection connection,
        DbTransaction? transaction,
        string? condition,
        (string, object?)[] parameters,
        int limit,
        CancellationToken cancellationToken)
    {
        var overrides = new List<OverrideRecord>();
        await using (var command = Command(connection, OverrideTable.Select(DeskWhere(condition)), [.. parameters, ("@desk", Desk), ("@limit", limit)]))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                overrides.Add(OverrideTable.Read(reader, ReadTimestamp));
            }
        }

        if (overrides.Count == 0)
        {
            return overrides;
        }

        var approvals = overrides.ToDictionary(o => o.Id, _ => new List<ApprovalRecord>());
        await using (var command = Command(connection, OverrideTable.SelectApprovals(overrides.Count), [.. overrides.Select((o, i) => ($"@id{i}", (object?)o.Id))]))
        {
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (overrideId, approval) = OverrideTable.ReadApproval(reader, ReadTimestamp);
                approvals[overrideId].Add(approval);
            }
        }

        return [.. overrides.Select(o => OverrideTable.WithApprovals(o, approvals[o.Id]))];
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction that holds the chain: no other append (in this process or, on
    /// PostgreSQL, any replica) can take the head until it commits, so seq has no gap and prevHash is the real head.
    /// </summary>
    private async Task<T> InChainAsync<T>(Func<ChainTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockChainAsync(connection, transaction, Desk, cancellationToken);
        var result = await work(new ChainTransaction(this, connection, transaction));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Copies the log kept before the chain (<c>healthgate_op_log</c>, left as it is) into the chain, once, when the chain
    /// is empty: nothing recorded is lost, and the names the operator typed are kept as what they were — typed, not proven.
    /// </summary>
    private async Task<bool> MigrateLegacyLogAsync(ChainTransaction chain, CancellationToken cancellationToken)
    {
        // The log kept before the chain predates desks too: it is the default desk's, never copied into another desk's chain.
        if (Desk != DeskOptions.DefaultName || (await chain.HeadAsync(cancellationToken)).Seq > 0)
        {
            return false;
        }

        var legacy = new List<(DateTimeOffset At, OpLogRecord Entry)>();
        await using (var command = Command(chain.Connection, LegacyOpLog.Select))
        {
            command.Transaction = chain.Transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                legacy.Add(LegacyOpLog.Read(reader, ReadTimestamp));
            }
        }

        foreach (var (at, entry) in legacy)
        {
            await chain.AppendAtAsync(entry, at, cancellationToken);
        }

        return legacy.Count > 0;
    }

    /// <summary>Takes the lock of <paramref name="desk"/>'s chain inside <paramref name="transaction"/>, released when it ends.</summary>
    protected abstract Task LockChainAsync(DbConnection connection, DbTransaction transaction, string desk, CancellationToken cancellationToken);

    /// <summary>One chain transaction: appends seal each entry on the head as it stands inside the transaction.</summary>
    private sealed class ChainTransaction(SqlGateStore store, DbConnection connection, DbTransaction transaction)
    {
        private (long Seq, string Hash)? _head;

        public DbConnection Connection => connection;

        public DbTransaction Transaction => transaction;

        public Task<OpLogRecord> AppendAsync(OpLogRecord entry, CancellationToken cancellationToken) =>
            AppendAtAsync(entry, store.Clock.GetUtcNow(), cancellationToken);

        /// <summary>Appends with a given time: only the migration of the log kept before the chain, whose entries keep theirs.</summary>
        public async Task<OpLogRecord> AppendAtAsync(OpLogRecord entry, DateTimeOffset at, CancellationToken cancellationToken)
        {
            var (seq, previous) = await HeadAsync(cancellationToken);
            var sealedEntry = OpLogChain.Seal(
                entry with { Seq = seq + 1, Desk = OpLogTable.EntryDesk(store.Desk), At = StoreValues.Truncate(at), PrevHash = previous },
                store.SigningKey);
            await using var command = OpLogTable.Insert(connection, sealedEntry, store.Desk, store.ToDb);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _head = (sealedEntry.Seq, sealedEntry.Hash);
            return sealedEntry;
        }

        public async Task<(long Seq, string Hash)> HeadAsync(CancellationToken cancellationToken)
        {
            _head ??= await ReadHeadAsync(cancellationToken);
            return _head.Value;
        }

        private async Task<(long, string)> ReadHeadAsync(CancellationToken cancellationToken)
        {
            await using var command = Command(connection, OpLogTable.Head, ("@desk", store.Desk));
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetString(1)) : (0, OpLogChain.Genesis);
        }
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

    /// <summary>This desk's runs matching <paramref name="condition"/> (all when null), newest first.</summary>
    private async Task<IReadOnlyList<PreflightRun>> QueryRunsAsync(string? condition, (string, object?)[] parameters, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, RunRows.Select(DeskWhere(condition)), [.. parameters, ("@desk", Desk), ("@limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await RunRows.ReadAsync(reader, ReadTimestamp, cancellationToken);
    }

    /// <summary>A WHERE clause that keeps to this desk's rows (<c>@desk</c>), and to <paramref name="condition"/> when given.</summary>
    private static string DeskWhere(string? condition) => condition is null ? "WHERE desk = @desk" : $"WHERE desk = @desk AND {condition}";

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, (string, object?)[] parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
