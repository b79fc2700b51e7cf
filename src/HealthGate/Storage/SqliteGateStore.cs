using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace HealthGate.Storage;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a committed write is on disk
/// (WAL fsynced) before the caller acknowledges it. Timestamps are Unix milliseconds (UTC).
/// </summary>
internal sealed class SqliteGateStore : SqlGateStore
{
    private readonly string _connectionString;

    public SqliteGateStore(string connectionString, TimeProvider time)
        : base(time)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        _connectionString = builder.ToString();
        DataFile = Path.GetFullPath(builder.DataSource);
    }

    public string DataFile { get; }

    public override async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DataFile)!);
        await using var connection = await OpenAsync(cancellationToken);

        // WAL is a property of the file: set once, it holds for every later connection.
        await using (var wal = Command(connection, "PRAGMA journal_mode=WAL"))
        {
            var mode = Convert.ToString(await wal.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for {DataFile} (journal mode is '{mode}')");
            }
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var statement in SqliteSchema.Statements)
        {
            await using var command = Command(connection, statement);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per connection, not per file: FULL fsyncs the WAL at every commit, so a 201 survives a crash.
            await using var command = Command(connection, "PRAGMA synchronous=FULL");
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
