using HealthGate.Desks;
using HealthGate.Storage;
using Microsoft.Data.Sqlite;

namespace HealthGate.Tests.Storage;

/// <summary>The store contract against a real SQLite file, plus what is particular to SQLite.</summary>
public sealed class SqliteGateStoreTests : GateStoreContract
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"healthgate-sqlite-{Guid.NewGuid():N}");

    private string DataFile => Path.Combine(_directory, "nested", "healthgate.db");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void TheDatabaseDirectoryIsCreated() => Assert.True(File.Exists(DataFile));

    [Fact]
    public async Task TheFileIsInWalMode()
    {
        await Store.AppendAsync(TestRuns.Override(), CancellationToken.None);

        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
        Assert.True(File.Exists(DataFile + "-wal"));
    }

    protected override Task PrepareAsync() => Task.CompletedTask;

    internal override IGateStore CreateStore(byte[]? signingKey = null, string desk = DeskOptions.DefaultName) =>
        new SqliteGateStore($"Data Source={DataFile}", Clock, signingKey: signingKey, desk: desk);

    protected override string LegacyTime => "1763198122000";

    protected override async Task DisableAppendOnlyAsync()
    {
        await ExecuteAsync("DROP TRIGGER healthgate_oplog_no_update");
        await ExecuteAsync("DROP TRIGGER healthgate_oplog_no_delete");
    }

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={DataFile};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }
}
