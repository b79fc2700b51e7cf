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
    private readonly string _synchronousPragma;

    public SqliteGateStore(string connectionString, TimeProvider time, StoreWriteGuard? guard = null, byte[]? signingKey = null, string desk = Desks.DeskOptions.DefaultName)
        : this(connectionString, time, "PRAGMA synchronous=FULL", guard, signingKey, desk)
    {
    }

    private SqliteGateStore(string connectionString, TimeProvider time, string synchronousPragma, StoreWriteGuard? guard, byte[]? signingKey, string desk)
        : base(time, guard, signingKey, desk)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        _connectionString = builder.ToString();
        _synchronousPragma = synchronousPragma;
        DataFile = Path.GetFullPath(builder.DataSource);
    }

    /// <summary>
    /// The same store without an fsync at each commit (<c>synchronous=NORMAL</c>): only the benchmark's baseline,
    /// which prices durability. The service never builds one.
    /// </summary>
    internal static SqliteGateStore WithoutCommitFsync(string connectionString, TimeProvider time) =>
        new(connectionString, time, "PRAGMA synchronous=NORMAL", guard: null, signingKey: null, Desks.DeskOptions.DefaultName);

    /// <summary>Longer than any batch; the write guard bounds a write's time anyway.</summary>
    private const string BusyTimeoutPragma = "PRAGMA busy_timeout=5000";

    public string DataFile { get; }

    protected override async Task CreateSchemaAsync(CancellationToken cancellationToken)
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
        if (await ColumnCountAsync(connection, transaction, "healthgate_oplog", null, cancellationToken) > 0
            && await ColumnCountAsync(connection, transaction, "healthgate_oplog", "desk", cancellationToken) == 0)
        {
            await ExecuteAsync(connection, transaction, SqliteSchema.OpLogByDesk, cancellationToken);
        }

        await ExecuteAsync(connection, transaction, SqliteSchema.Statements, cancellationToken);

        foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
        {
            if (await ColumnCountAsync(connection, transaction, table, column, cancellationToken) == 0)
            {
                await using var add = Command(connection, $"ALTER TABLE {table} ADD COLUMN {column} {definition}");
                add.Transaction = transaction;
                await add.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        // Indexes on the desk column, which a store made before desks has only since the columns above.
        await ExecuteAsync(connection, transaction, DeskSchema.Indexes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>How many columns <paramref name="table"/> has (0 when it does not exist), or whether it has <paramref name="column"/>.</summary>
    private static async Task<long> ColumnCountAsync(DbConnection connection, DbTransaction transaction, string table, string? column, CancellationToken cancellationToken)
    {
        await using var count = column is null
            ? Command(connection, "SELECT COUNT(*) FROM pragma_table_info(@table)", ("@table", table))
            : Command(connection, "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column", ("@table", table), ("@column", column));
        count.Transaction = transaction;
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, IEnumerable<string> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            await using var command = Command(connection, statement);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);

            // Per connection, not per file: FULL fsyncs the WAL at every commit, so a 201 survives a crash.
            await using var command = Command(connection, _synchronousPragma);
            await command.ExecuteNonQueryAsync(cancellationToken);

            // SQLite's own busy handler polls within milliseconds; without it Microsoft.Data.Sqlite retries a busy
            // writer after 150 ms sleeps, so a save behind a prune batch would wait 150 ms however short the batch.
            await using var busy = Command(connection, BusyTimeoutPragma);
            await busy.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The prune checkpoints the WAL it just grew, itself: otherwise the commit that crosses SQLite's auto-checkpoint
    /// threshold pays for copying the deleted pages into the database, and that is often a preflight's save.
    /// PASSIVE: it takes no writer lock, so saves go on meanwhile.
    /// </summary>
    protected override async Task AfterPruneBatchAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var checkpoint = Command(connection, "PRAGMA wal_checkpoint(PASSIVE)");
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Nothing to take: the transaction began IMMEDIATE (Microsoft.Data.Sqlite's default), which already excludes every other writer, whatever the desk.</summary>
    protected override Task LockChainAsync(DbConnection connection, DbTransaction transaction, string desk, CancellationToken cancellationToken) => Task.CompletedTask;

    protected override object ToDb(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
