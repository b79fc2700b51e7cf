using System.Data.Common;
using HealthGate.Storage;
using Microsoft.Data.Sqlite;

namespace HealthGate.Benchmarks;

/// <summary>
/// The service's store statements over SQLite with <c>synchronous=NORMAL</c> instead of <c>FULL</c>: in WAL mode
/// a commit is then not fsynced. The baseline that prices durability; the service never uses it.
/// </summary>
internal sealed class NormalSyncSqliteStore(string connectionString, TimeProvider time) : SqlGateStore(time)
{
    /// <summary>The same schema and WAL mode as the service, created by the service's own store.</summary>
    public override Task EnsureSchemaAsync(CancellationToken cancellationToken) =>
        new SqliteGateStore(connectionString, TimeProvider.System).EnsureSchemaAsync(cancellationToken);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = Command(connection, "PRAGMA synchronous=NORMAL");
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    protected override object ToDb(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
