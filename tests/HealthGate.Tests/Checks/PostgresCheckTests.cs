using System.Diagnostics;
using System.Net;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Tests.Infrastructure.Settings;
using static HealthGate.Tests.Preflight.PreflightVerdictTests;

namespace HealthGate.Tests.Checks;

/// <summary>The postgres check against a real PostgreSQL started for these tests.</summary>
public sealed class PostgresCheckTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task ReachableDatabaseIsHealthyWithLatency()
    {
        await using var app = HealthGateApplication.With([.. Check("db", "postgres", "P0", ("ConnectionString", postgres.ConnectionString))]);

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
            .. Check("db", "postgres", "P0", ("ConnectionString", postgres.ConnectionString), ("Query", "SELECT * FROM no_such_table")),
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
        var connectionString = postgres.ConnectionString.Replace(PostgresServer.Password, wrong, StringComparison.Ordinal);
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
        await using var app = HealthGateApplication.With([.. Check("db", "postgres", "P0", ("ConnectionString", postgres.ConnectionString), ("TimeoutMs", 500))]);
        var (_, before) = await GetPreflightAsync(app, "paper");
        Assert.Equal("PASS", before.GetProperty("verdict").GetString());

        // The pool now holds an open connection whose backend will hang, as well as a postmaster that will not answer.
        await postgres.PauseAsync();
        try
        {
            var started = Stopwatch.GetTimestamp();
            var (status, hung) = await GetPreflightAsync(app, "paper");
            var elapsed = Stopwatch.GetElapsedTime(started);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("timeout", hung.GetProperty("checks")[0].GetProperty("reason").GetString());
            // 500 ms timeout; the ceiling leaves room for a busy 2-core machine, not for the connection string's Timeout=5.
            Assert.True(elapsed < TimeSpan.FromMilliseconds(2500), $"the run took {elapsed.TotalMilliseconds:F0} ms");
        }
        finally
        {
            await postgres.ResumeAsync();
        }

        await ProcessRunner.WaitUntilAsync(
            async () => (await GetPreflightAsync(app, "paper")).Json.GetProperty("verdict").GetString() == "PASS",
            TimeSpan.FromSeconds(20),
            "PASS after PostgreSQL resumed");
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
