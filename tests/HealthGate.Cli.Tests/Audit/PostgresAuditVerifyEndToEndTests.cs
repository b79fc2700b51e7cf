using HealthGate.Cli.Tests.Infrastructure;
using Npgsql;

namespace HealthGate.Cli.Tests.Audit;

/// <summary>audit verify end to end with the service on PostgreSQL (a database of each test's own), tampered with as the table's owner.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditVerifyEndToEndTests(PostgresServer server) : AuditVerifyEndToEndContract
{
    private string _connectionString = "";

    protected override async Task<(string Key, object? Value)[]> StorageAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        return [("Storage:Provider", "postgres"), ("Storage:ConnectionString", _connectionString)];
    }

    private protected override Task DisableAppendOnlyAsync(DeskGate desk) => ExecuteAsync(desk, "ALTER TABLE healthgate_oplog DISABLE TRIGGER USER");

    private protected override async Task ExecuteAsync(DeskGate desk, string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = await command.ExecuteNonQueryAsync();
        Assert.True(rows == 1 || sql.StartsWith("ALTER", StringComparison.Ordinal), $"{rows} rows: {sql}");
    }
}
