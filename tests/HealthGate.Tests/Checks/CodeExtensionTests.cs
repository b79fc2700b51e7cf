using System.Net;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Metrics;
using Microsoft.Extensions.DependencyInjection;
using static HealthGate.Testing.Preflights;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The in-code extension path: Xabaril checks registered with a tier tag join the gate's modes, its metrics and,
/// above all, its timeout, which is what bounds them when their target hangs (their own timeouts do not).
/// </summary>
public sealed class CodeExtensionTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IAsyncLifetime
{
    private static readonly TimeSpan GateTimeout = TimeSpan.FromMilliseconds(500);
    private readonly HttpStandIn _standIn = fixture.StandIn;
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task XabarilRedisCheckJoinsLivePreflightWithItsTierAndShowsInMetrics()
    {
        await using var app = WithRedisCheck();
        using var client = app.CreateClient();

        var (status, live) = await GetPreflightAsync(app, "live");
        var (_, paper) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.OK, status);
        var check = CheckNamed(live, "redis-code");
        Assert.Equal(("P1", "redis", "Healthy", "ok"), (Text(check, "tier"), Text(check, "type"), Text(check, "status"), Text(check, "reason")));
        Assert.DoesNotContain(paper.GetProperty("checks").EnumerateArray(), c => Text(c, "name") == "redis-code");
        var series = Exposition.Parse(await Exposition.ScrapeAsync(client));
        Assert.Equal(1, series.Value("healthgate_check_status", ("check", "redis-code"), ("tier", "P1"), ("type", "redis")));
    }

    [Fact]
    public async Task HungRedisUnderXabarilsCheckIsATimeoutBoundedByTheGateAndGoAgainWhenItResumes()
    {
        await using var app = WithRedisCheck();
        using var client = app.CreateClient();
        await GoFirst.WaitForPassAsync(app, "live", "Redis hangs");

        await _redis.PauseAsync();
        try
        {
            var (status, hung) = await GetPreflightAsync(app, "live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("P1_FAIL", Text(hung, "verdict"));
            Assert.Equal("timeout", Text(CheckNamed(hung, "redis-code"), "reason"));
            AssertAbandonedAtTheGateTimeout(CheckNamed(hung, "redis-code"));
            var series = Exposition.Parse(await Exposition.ScrapeAsync(client));
            Assert.Equal(0, series.Value("healthgate_check_status", ("check", "redis-code"), ("tier", "P1"), ("type", "redis")));
        }
        finally
        {
            await _redis.ResumeAsync();
        }

        await ProcessRunner.WaitUntilAsync(
            async () => Text((await GetPreflightAsync(app, "live")).Json, "verdict") == "PASS",
            TimeSpan.FromSeconds(30),
            "PASS after Redis resumed");
    }

    [Fact]
    public async Task XabarilUrlGroupCheckIsATimeoutBoundedByTheGateWhenTheTargetHangs()
    {
        _standIn.Hang("/extension-hang");
        await using var app = new HealthGateApplication(HealthGateApplication.BaselineCheck)
        {
            ExtraServices = services => services.AddHealthChecks()
                .AddUrlGroup(new Uri(_standIn.Url("/extension-hang")), name: "uri-code", tags: ["P1", "http"], timeout: GateTimeout),
        };
        using var client = app.CreateClient();

        var (status, hung) = await GetPreflightAsync(app, "live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = CheckNamed(hung, "uri-code");
        Assert.Equal(("P1", "http", "timeout"), (Text(check, "tier"), Text(check, "type"), Text(check, "reason")));
        AssertAbandonedAtTheGateTimeout(check);
        var series = Exposition.Parse(await Exposition.ScrapeAsync(client));
        Assert.Equal(0, series.Value("healthgate_check_status", ("check", "uri-code"), ("tier", "P1"), ("type", "http")));
    }

    // The registration's timeout is the gate's TimeoutMs for a check added in code.
    private HealthGateApplication WithRedisCheck() => new(HealthGateApplication.BaselineCheck)
    {
        ExtraServices = services => services.AddHealthChecks()
            .AddRedis(_redis.ConnectionString, name: "redis-code", tags: ["P1", "redis"], timeout: GateTimeout),
    };

    // A real bound on purpose: a real hung target must be abandoned at the gate's timeout; durationMs is the check's alone.
    private static void AssertAbandonedAtTheGateTimeout(JsonElement check)
    {
        var durationMs = check.GetProperty("durationMs").GetDouble();
        Assert.True(durationMs <= GateTimeout.TotalMilliseconds + 1000, $"the check took {durationMs:F0} ms with a {GateTimeout.TotalMilliseconds:F0} ms timeout");
    }

    private static JsonElement CheckNamed(JsonElement run, string name) =>
        run.GetProperty("checks").EnumerateArray().Single(c => Text(c, "name") == name);

    private static string? Text(JsonElement element, string property) => element.GetProperty(property).GetString();
}
