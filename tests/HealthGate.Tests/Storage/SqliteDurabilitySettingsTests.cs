using System.Data.Common;
using System.Globalization;
using System.Reflection;
using HealthGate.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Tests.Storage;

/// <summary>
/// The durability of every record, read back from the connections the service itself opens: WAL mode, and
/// <c>synchronous=FULL</c> (2), so each commit fsyncs the WAL before a 201 or a verdict is answered. A store that
/// silently ran NORMAL would pass every other test and lose the last records on a power cut.
/// </summary>
public sealed class SqliteDurabilitySettingsTests
{
    private const long SynchronousFull = 2;

    [Fact]
    public async Task EveryConnectionTheServiceOpensIsInWalModeWithAnFsyncAtEachCommit()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        (await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative))).EnsureSuccessStatusCode();
        var store = ServiceStore(app);

        // Two open at once (two connections), then one more after they closed (taken back from the pool).
        await using (var first = await OpenAsync(store))
        await using (var second = await OpenAsync(store))
        {
            await AssertDurableAsync(first);
            await AssertDurableAsync(second);
        }

        await using var reused = await OpenAsync(store);
        await AssertDurableAsync(reused);
    }

    private static async Task AssertDurableAsync(DbConnection connection)
    {
        Assert.Equal(SynchronousFull, Convert.ToInt64(await ScalarAsync(connection, "PRAGMA synchronous"), CultureInfo.InvariantCulture));
        Assert.Equal("wal", Convert.ToString(await ScalarAsync(connection, "PRAGMA journal_mode"), CultureInfo.InvariantCulture));
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The SQLite store the service registered, as the service built it from its configuration.</summary>
    private static SqliteGateStore ServiceStore(HealthGateApplication app) =>
        Assert.IsType<SqliteGateStore>(app.Services.GetRequiredService<IGateStore>());

    /// <summary>A connection exactly as the store opens one for its own reads and writes (its protected OpenAsync).</summary>
    private static Task<DbConnection> OpenAsync(SqliteGateStore store)
    {
        var open = typeof(SqlGateStore).GetMethod("OpenAsync", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("SqlGateStore no longer opens its connections in OpenAsync; update this test");
        return (Task<DbConnection>)open.Invoke(store, [CancellationToken.None])!;
    }
}
