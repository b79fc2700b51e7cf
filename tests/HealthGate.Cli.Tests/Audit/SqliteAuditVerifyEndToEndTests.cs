using HealthGate.Cli.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace HealthGate.Cli.Tests.Audit;

/// <summary>audit verify end to end with the service on its SQLite file, tampered with through a connection of the test's own.</summary>
public sealed class SqliteAuditVerifyEndToEndTests : AuditVerifyEndToEndContract
{
    protected override Task<(string Key, object? Value)[]> StorageAsync() => Task.FromResult<(string, object?)[]>([]);

    private protected override async Task DisableAppendOnlyAsync(DeskGate desk)
    {
        await ExecuteAsync(desk, "DROP TRIGGER healthgate_oplog_no_update");
        await ExecuteAsync(desk, "DROP TRIGGER healthgate_oplog_no_delete");
    }

    private protected override async Task ExecuteAsync(DeskGate desk, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={desk.DataFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = await command.ExecuteNonQueryAsync();
        Assert.True(rows == 1 || sql.StartsWith("DROP", StringComparison.Ordinal), $"{rows} rows: {sql}");
    }
}
