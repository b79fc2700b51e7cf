using System.Diagnostics;
using System.Net;
using HealthGate.Checks.Postgres;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using static HealthGate.Testing.Preflights;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The postgres check against the assembly's real PostgreSQL, each test in a database of its own.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCheckTests(PostgresServer postgres) : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await postgres.CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ReachableDatabaseIsHealthyWithLatency()
    {
        await using var app = HealthGateApplication.With([.. Check("db", "postgres", "P0", ("ConnectionString", _database))]);

        var (status, json) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.OK, status);
        var check = json.GetProperty("checks")[0];
        Assert.Equal("ok", check.GetProperty("reason").GetString());
        Assert.True(check.GetProperty("data").GetProperty("latencyMs").GetDouble() > 0);
    }

    [Fact]
    public async Task FailingQueryIsQueryFailed()
    {
        await using var app = HealthGateApplication.With([
            .. Check("db", "postgres", "P0", ("ConnectionString", _database), ("Query", "SELECT * FROM no_such_table")),
        ]);

        var (_, json) = await GetPreflightAsync(app, "paper");

        var check = json.GetProperty("checks")[0];
        Assert.Equal("query_failed", check.GetProperty("reason").GetString());
        Assert.Contains("42P01", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongPasswordIsUnreachableAndNeverEchoed()
    {
        const string wrong = "Wrong-Pass-93x";
        var connectionString = _database.Replace(PostgresServer.Password, wrong, StringComparison.Ordinal);
        await using var app = HealthGateApplication.With([
            .. Check("db", "postgres", "P0", ("ConnectionString", connectionString)),
            ("Readiness:PeriodSeconds", 1),
        ]);
        using var client = app.CreateClient();

        var (status, json) = await GetPreflightAsync(app, "paper");
        var readyBody = await Readiness.WaitForEntryAsync(client, "db");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("P0_FAIL", json.GetProperty("verdict").GetString());
        Assert.DoesNotContain(wrong, json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, readyBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HungDatabaseIsATimeoutWithinTheCheckTimeoutAndGoAgainWhenItResumes()
    {
        await using var app = HealthGateApplication.With([.. Check("db", "postgres", "P0", ("ConnectionString", _database), ("TimeoutMs", 500))]);
        await HungDependency.AssertUnhealthyWithinTimeoutThenRecoveryAsync(app, postgres.PauseAsync, postgres.ResumeAsync, 500, "PostgreSQL");
    }

    [Fact]
    public async Task HungDatabaseIsBoundedByTheClientsOwnTimeoutWithoutTheEngine()
    {
        await using var sources = new PostgresDataSources();
        var check = new PostgresHealthCheck(new PostgresCheckOptions { ConnectionString = postgres.ConnectionString, TimeoutMs = 1000 }, sources, TimeProvider.System);
        // 1 s command timeout, then at most 1 s waiting for the paused server to confirm the cancellation (its command default is 30 s).
        await HungDependency.AssertClientBoundsTheHangAsync(check, postgres.PauseAsync, postgres.ResumeAsync, TimeSpan.FromMilliseconds(4000));
    }

    [Theory]
    [InlineData("Host=db", 2000, 2, 2, 2000)]
    [InlineData("Host=db", 500, 1, 1, 500)]
    [InlineData("Host=db;Timeout=0;Command Timeout=0;Cancellation Timeout=0", 3000, 3, 3, 3000)]
    [InlineData("Host=db;Timeout=1;Command Timeout=2;Cancellation Timeout=-1", 5000, 1, 2, -1)]
    [InlineData("Host=db;Timeout=60;Command Timeout=60;Cancellation Timeout=9000", 5000, 5, 5, 5000)]
    public void ClientTimeoutsAreDerivedFromTimeoutMsAndKeepAStricterExplicitValue(string connectionString, int timeoutMs, int connect, int command, int cancellation)
    {
        var client = new NpgsqlConnectionStringBuilder(new PostgresCheckOptions { ConnectionString = connectionString, TimeoutMs = timeoutMs }.ToClientConnectionString());

        Assert.Equal((connect, command, cancellation), (client.Timeout, client.CommandTimeout, client.CancellationTimeout));
    }

    [Fact]
    public async Task ClosedPortIsUnreachable()
    {
        var closed = $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Password=x-{Guid.NewGuid():N};Timeout=1";
        await using var app = HealthGateApplication.With([.. Check("db", "postgres", "P0", ("ConnectionString", closed))]);

        var (status, json) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unreachable", json.GetProperty("checks")[0].GetProperty("reason").GetString());
    }
}
