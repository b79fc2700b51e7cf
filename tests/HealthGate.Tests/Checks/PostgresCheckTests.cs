using System.Diagnostics;
using System.Net;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Preflight.PreflightVerdictTests;

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
        await HungDependency.AssertTimeoutThenRecoveryAsync(app, postgres.PauseAsync, postgres.ResumeAsync, "PostgreSQL");
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
