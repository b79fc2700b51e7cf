using HealthGate.Desks;
using HealthGate.Storage;
using HealthGate.Testing;
using HealthGate.Tests.Infrastructure;
using Npgsql;

namespace HealthGate.Tests.Storage;

/// <summary>The store contract against a real PostgreSQL server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGateStoreTests(PostgresServer server) : GateStoreContract
{
    private string _schema = "";

    private string ConnectionString => $"{server.ConnectionString};Search Path={_schema}";

    [Fact]
    public async Task TimestampsAreTimestamptzColumns()
    {
        var type = await ScalarAsync($"SELECT data_type FROM information_schema.columns WHERE table_schema = '{_schema}' AND table_name = 'healthgate_op_log' AND column_name = 'recorded_at'");

        Assert.Equal("timestamp with time zone", type);
    }

    [Fact]
    public async Task TruncateIsRefusedToo()
    {
        await Store.AppendAsync(TestRuns.Override(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("TRUNCATE healthgate_oplog"));

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplicaStartingBesideARunningWriterNeverCancelsTheWriterAndStartsOnceItIsDone()
    {
        // A running replica's transaction holds one table and then needs another the schema pass of a starting
        // replica holds: a deadlock cycle. The pass must give up first (its lock_timeout is below PostgreSQL's 1 s
        // deadlock check) and try again: the writer commits, and the start succeeds.
        await using var writer = new NpgsqlConnection(ConnectionString);
        await writer.OpenAsync();
        await using var transaction = await writer.BeginTransactionAsync();
        await WriterAsync("LOCK TABLE healthgate_runs IN ROW EXCLUSIVE MODE");

        var starting = (PostgresGateStore)CreateStore();
        var schema = starting.EnsureSchemaAsync(CancellationToken.None);
        await ProcessRunner.WaitUntilAsync(
            async () => schema.IsCompleted || Convert.ToInt64(await ScalarAsync(
                "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'healthgate_runs'::regclass"),
                System.Globalization.CultureInfo.InvariantCulture) > 0,
            TimeSpan.FromSeconds(30),
            "the schema pass waiting for healthgate_runs");
        Assert.False(schema.IsCompleted);

        await WriterAsync("SELECT count(*) FROM healthgate_run_checks");
        await transaction.CommitAsync();
        await schema.WaitAsync(TimeSpan.FromSeconds(30));
        await starting.DisposeAsync();

        async Task WriterAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, writer, transaction);
            await command.ExecuteNonQueryAsync();
        }
    }

    protected override async Task PrepareAsync() => _schema = await server.CreateSchemaAsync();

    internal override IGateStore CreateStore(byte[]? signingKey = null, string desk = DeskOptions.DefaultName) =>
        new PostgresGateStore(ConnectionString, Clock, signingKey: signingKey, desk: desk);

    protected override string? KeyOnSeqAloneSql => "ALTER TABLE healthgate_oplog ADD PRIMARY KEY (seq)";

    protected override string LegacyTime => "'2025-11-15T09:15:22Z'";

    protected override Task DisableAppendOnlyAsync() => ExecuteAsync("ALTER TABLE healthgate_oplog DISABLE TRIGGER USER");

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
