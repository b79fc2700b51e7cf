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

    protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = Command(connection, "SELECT pg_advisory_xact_lock(@key)", ("@key", PostgresSchema.AdvisoryLockKey)))
        {
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var statement in PostgresSchema.Statements)
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
