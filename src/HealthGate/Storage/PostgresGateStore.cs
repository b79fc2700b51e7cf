using System.Data.Common;
using Npgsql;

namespace HealthGate.Storage;

/// <summary>
/// The production store, shared by every replica. A commit returns after PostgreSQL has made it durable
/// (with the server's default <c>synchronous_commit = on</c>). Timestamps are <c>timestamptz</c>.
/// </summary>
internal sealed class PostgresGateStore(
    string connectionString,
    TimeProvider time,
    StoreWriteGuard? guard = null,
    byte[]? signingKey = null,
    string desk = Desks.DeskOptions.DefaultName)
    : SqlGateStore(time, guard, signingKey, desk), IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>How long the schema pass waits for one table's lock before it lets go of all and tries again.</summary>
    private static readonly TimeSpan SchemaLockWait = TimeSpan.FromMilliseconds(500);

    /// <summary>Tries of the schema pass before the start fails on a desk whose replicas never let go of a table.</summary>
    private const int SchemaAttempts = 20;

    /// <summary>
    /// The idempotent DDL (<c>ADD COLUMN IF NOT EXISTS</c>, triggers) takes each table's exclusive lock even when there is
    /// nothing to change, one table after another, while running replicas write several tables in one transaction: a
    /// replica starting beside them could deadlock with a save (measured: a replica of three started together exited on
    /// 40P01, and PostgreSQL may as well pick the running replica's save as the victim). So the pass waits for a lock at
    /// most <see cref="SchemaLockWait"/>, shorter than PostgreSQL's deadlock check (1 s), gives all its locks back and
    /// tries again: a running replica's transaction is never the one cancelled.
    /// </summary>
    protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await CreateSchemaOnceAsync(cancellationToken);
                return;
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected && attempt < SchemaAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250)), cancellationToken);
            }
        }
    }

    private async Task CreateSchemaOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = Command(connection, "SELECT pg_advisory_xact_lock(@key)", ("@key", PostgresSchema.AdvisoryLockKey)))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        // After the advisory lock (replicas starting together queue on it as long as it takes): every existing table at
        // once, in one order, then the DDL, so the pass never waits for a table while it has held another for long; a
        // running replica's transaction queued behind it has waited less than the pass's lock_timeout when it gives up.
        foreach (var statement in (string[])[$"SET LOCAL lock_timeout = '{(int)SchemaLockWait.TotalMilliseconds}ms'", PostgresSchema.LockTables, .. PostgresSchema.Statements])
        {
            await using var command = Command(connection, statement);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>Drops idle pooled connections: after a server restart each is dead, and the next write would fail on it.</summary>
    public void ClearPool() => _dataSource.Clear();

    /// <summary>Connections pooled before a server restart are dead: the next write opens fresh ones instead of failing on each.</summary>
    protected override void OnWriteFailed() => ClearPool();

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>A transaction-scoped advisory lock per desk: every replica's appends to that desk's chain queue on it, released by the commit or rollback.</summary>
    protected override async Task LockChainAsync(DbConnection connection, DbTransaction transaction, string desk, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT pg_advisory_xact_lock(@key)", ("@key", PostgresSchema.OpLogLockKeyOf(desk)));
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    protected override object ToDb(DateTimeOffset value) => value.ToUniversalTime();

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal);
}
