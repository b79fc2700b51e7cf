using System.Data.Common;

namespace HealthGate.Storage;

/// <summary>The notification state and outbox (<see cref="OutboxTable"/>), this desk's rows only.</summary>
internal abstract partial class SqlGateStore : INotifyStore
{
    public async Task<IReadOnlyList<NotifyStateRow>> ReadNotifyStatesAsync(CancellationToken cancellationToken) =>
        await QueryAsync(
            OutboxTable.SelectStates,
            [("@desk", Desk)],
            r => new NotifyStateRow(r.GetString(0), Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture) != 0, r.GetInt64(2), ReadTimestamp(r, 3), ReadTimestamp(r, 4), r.GetString(5)),
            cancellationToken);

    public async Task<bool> AdvanceNotifyStateAsync(long expectedVersion, NotifyStateRow next, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        (string, object?)[] parameters =
        [
            ("@desk", Desk),
            ("@subject", next.Subject),
            ("@open", next.Open ? 1 : 0),
            ("@version", next.Version),
            ("@since", ToDb(StoreValues.Truncate(next.Since))),
            ("@notified_at", ToDb(StoreValues.Truncate(next.NotifiedAt))),
            ("@detail", next.Detail),
        ];
        await using (var command = expectedVersion == 0
            ? Command(connection, OutboxTable.InsertState, parameters)
            : Command(connection, OutboxTable.UpdateState, [.. parameters, ("@expected", expectedVersion)]))
        {
            command.Transaction = transaction;
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await InsertEntriesAsync(connection, transaction, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task EnqueueAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertEntriesAsync(connection, transaction, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, IReadOnlySet<string> skipTargets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skipTargets);
        var heads = await QueryAsync(
            OutboxTable.SelectHeads,
            [("@desk", Desk), ("@now", ToDb(StoreValues.Truncate(now)))],
            r => (Row: new OutboxRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), Convert.ToInt32(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture) + 1, ReadTimestamp(r, 5)), NextAt: ReadTimestamp(r, 6)),
            cancellationToken);
        var claimed = new List<OutboxRow>();
        if (heads.All(h => skipTargets.Contains(h.Row.Target)))
        {
            return claimed;
        }

        await using var connection = await OpenAsync(cancellationToken);
        foreach (var (row, seen) in heads.Where(h => !skipTargets.Contains(h.Row.Target)))
        {
            await using var claim = Command(
                connection,
                OutboxTable.Claim,
                ("@lease", ToDb(StoreValues.Truncate(leaseUntil))),
                ("@id", row.Id),
                ("@desk", Desk),
                ("@seen", ToDb(seen)));
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                claimed.Add(row);
            }
        }

        return claimed;
    }

    public Task CompleteAsync(long id, DateTimeOffset at, string outcome, CancellationToken cancellationToken) =>
        ExecuteOutboxAsync(OutboxTable.Complete, cancellationToken, ("@at", ToDb(StoreValues.Truncate(at))), ("@outcome", outcome), ("@id", id));

    public Task RetryLaterAsync(long id, DateTimeOffset nextAt, string error, CancellationToken cancellationToken) =>
        ExecuteOutboxAsync(OutboxTable.Retry, cancellationToken, ("@next_at", ToDb(StoreValues.Truncate(nextAt))), ("@error", error), ("@id", id));

    public Task<int> PruneOutboxAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        ExecuteOutboxAsync(OutboxTable.Prune, cancellationToken, ("@cutoff", ToDb(StoreValues.Truncate(cutoff))));

    private async Task<int> ExecuteOutboxAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, sql, [.. parameters, ("@desk", Desk)]);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task InsertEntriesAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var now = ToDb(StoreValues.Truncate(Clock.GetUtcNow()));
        foreach (var entry in entries)
        {
            await using var command = Command(
                connection,
                OutboxTable.Insert,
                ("@desk", Desk),
                ("@target", entry.Target),
                ("@dedup_key", entry.DedupKey),
                ("@payload", entry.Payload),
                ("@now", now));
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
