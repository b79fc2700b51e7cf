using System.Diagnostics;
using System.Net;
using HealthGate.Checks.Redis;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Preflights;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The redis check against a real redis-server, including the server going away and coming back.</summary>
public sealed class RedisCheckTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task ReachableRedisIsHealthyWithPingLatency()
    {
        await using var app = HealthGateApplication.With([.. Check("redis", "redis", "P0", ("ConnectionString", _redis.ConnectionString))]);

        var (status, json) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.OK, status);
        var check = json.GetProperty("checks")[0];
        Assert.Equal("ok", check.GetProperty("reason").GetString());
        check.AssertTimingsWithinTheCheck("latencyMs");
        var latencyMs = check.Data("latencyMs").GetDouble();
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PONG in {latencyMs:F1} ms"), check.Description());
    }

    [Fact]
    public async Task StoppedRedisIsNoGoAndRestartedRedisIsGoAgainWithoutRestartingTheService()
    {
        await using var app = HealthGateApplication.With([.. Check("redis", "redis", "P0", ("ConnectionString", _redis.ConnectionString))]);
        await GoFirst.WaitForPassAsync(app, "paper", "Redis stops");

        await _redis.StopAsync();
        var (stoppedStatus, stopped) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stoppedStatus);
        Assert.Equal("P0_FAIL", stopped.GetProperty("verdict").GetString());
        Assert.Matches("^(unreachable|timeout)$", stopped.GetProperty("checks")[0].GetProperty("reason").GetString());

        await _redis.StartAsync();
        await ProcessRunner.WaitUntilAsync(
            async () => (await GetPreflightAsync(app, "paper")).Json.GetProperty("verdict").GetString() == "PASS",
            TimeSpan.FromSeconds(20),
            "PASS after Redis came back");
    }

    [Fact]
    public async Task HungRedisIsATimeoutWithinTheCheckTimeoutAndGoAgainWhenItResumes()
    {
        await using var app = HealthGateApplication.With([.. Check("redis", "redis", "P0", ("ConnectionString", _redis.ConnectionString), ("TimeoutMs", 500))]);
        await HungDependency.AssertUnhealthyWithinTimeoutThenRecoveryAsync(app, _redis.PauseAsync, _redis.ResumeAsync, 500, "Redis");
    }

    [Fact]
    public async Task HungRedisIsBoundedByTheClientsOwnTimeoutWithoutTheEngine()
    {
        using var connections = new RedisConnections();
        var check = new RedisHealthCheck(new RedisCheckOptions { ConnectionString = _redis.ConnectionString, TimeoutMs = 500 }, connections);
        // 500 ms async timeout, checked on the client's 1 s heartbeat (its defaults are 5 s).
        await HungDependency.AssertClientBoundsTheHangAsync(check, _redis.PauseAsync, _redis.ResumeAsync, TimeSpan.FromMilliseconds(3000));
    }

    [Theory]
    [InlineData("127.0.0.1:6379", 2000, 1000, 2000, 2000)]
    [InlineData("127.0.0.1:6379", 500, 250, 500, 500)]
    [InlineData("127.0.0.1:6379,connectTimeout=100,syncTimeout=300,asyncTimeout=200", 2000, 100, 300, 200)]
    [InlineData("127.0.0.1:6379,connectTimeout=9000,syncTimeout=9000,asyncTimeout=9000", 2000, 1000, 2000, 2000)]
    public void ClientTimeoutsAreDerivedFromTimeoutMsAndKeepAStricterExplicitValue(string connectionString, int timeoutMs, int connect, int sync, int async)
    {
        var client = new RedisCheckOptions { ConnectionString = connectionString, TimeoutMs = timeoutMs }.ToClientOptions();

        Assert.Equal((connect, sync, async), (client.ConnectTimeout, client.SyncTimeout, client.AsyncTimeout));
        Assert.False(client.AbortOnConnectFail);
    }

    [Fact]
    public async Task PasswordInConnectionStringNeverAppearsInResponses()
    {
        const string password = "redis-Secret-41q";
        await using var app = HealthGateApplication.With([
            .. Check("redis", "redis", "P0", ("ConnectionString", $"{_redis.ConnectionString},password={password}")),
        ]);
        using var client = app.CreateClient();

        var (_, json) = await GetPreflightAsync(app, "paper");
        var ready = await Readiness.WaitForEntryAsync(client, "redis");

        Assert.DoesNotContain(password, json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(password, ready, StringComparison.Ordinal);
    }
}
