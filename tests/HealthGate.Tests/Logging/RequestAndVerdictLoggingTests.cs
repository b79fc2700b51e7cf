using System.Net;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Logging;

/// <summary>What the running service logs: requests of launchers and operators, verdicts, transitions.</summary>
public sealed class RequestAndVerdictLoggingTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private const int RequestEvent = 7020;

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task PreflightRequestsAreLoggedWithMethodPathStatusAndElapsed()
    {
        _standIn.Respond("/log-down", 500, "boom");
        var logs = new CapturingLoggerProvider();
        await using var app = HealthGateApplication.With([.. Check("core", "http", "P0", ("Url", _standIn.Url("/log-down")))]);
        using var client = app.CapturingLogs(logs).CreateClient();

        var response = await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var entry = Assert.Single(logs.WithEventId(RequestEvent));
        Assert.Equal("GET", entry["Method"]);
        Assert.Equal("/preflight", entry["Path"]);
        Assert.Equal("?mode=paper", entry["Query"]);
        Assert.Equal("503", entry["StatusCode"]);
        Assert.True(double.Parse(entry["ElapsedMs"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task ProbeScrapeAndDocumentRequestsAreNotLoggedButOverridesAre()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = HealthGateApplication.With();
        using var client = app.CapturingLogs(logs).CreateClient();

        foreach (var path in new[] { "/health/live", "/health/ready", "/metrics", "/openapi/v1.json" })
        {
            await client.GetAsync(new Uri(path, UriKind.Relative));
        }

        var quiet = logs.WithEventId(RequestEvent);
        var response = await client.GetAsync(new Uri("/overrides?limit=5", UriKind.Relative));
        Assert.Empty(quiet);
        var entry = Assert.Single(logs.WithEventId(RequestEvent));
        Assert.Equal("/overrides", entry["Path"]);
        Assert.Equal(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), entry["StatusCode"]);
    }

    [Fact]
    public async Task NoPasswordOrApiKeyReachesALogLine()
    {
        const string redisPassword = "redis-Log-Secret-8k2";
        const string postgresPassword = "pg-Log-Secret-5m1";
        const string apiKey = "ops-Log-Key-3j9q";
        var logs = new CapturingLoggerProvider();
        await using var app = HealthGateApplication.With([
            .. Check("cache", "redis", "P0", ("ConnectionString", $"127.0.0.1:{FreePort.Next()},password={redisPassword}")),
            .. Check("db", "postgres", "P0", ("ConnectionString", $"Host=127.0.0.1;Port={FreePort.Next()};Username=postgres;Password={postgresPassword};Timeout=1")),
            ("Auth:ApiKeys:ops", apiKey),
        ]);
        using var client = app.CapturingLogs(logs).CreateClient();

        await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/overrides?limit=5", UriKind.Relative));
        request.Headers.Add("X-Api-Key", apiKey);
        await client.SendAsync(request);

        // Both failures were logged with their descriptions, and the request with its query: there was something to leak.
        Assert.Equal(2, logs.WithEventId(7001).Count);
        Assert.Equal(2, logs.WithEventId(RequestEvent).Count);
        Assert.All(logs.Entries, entry =>
        {
            var text = entry.Message + " " + string.Join(" ", entry.Properties.Select(p => $"{p.Key}={p.Value}"));
            foreach (var secret in new[] { redisPassword, postgresPassword, apiKey })
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public async Task EachPreflightLogsOneVerdictAtALevelThatFollowsIt()
    {
        _standIn.Respond("/log-ok", 200, "ok");
        _standIn.Respond("/log-p0-down", 500, "boom");
        var logs = new CapturingLoggerProvider();
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/log-ok"))),
            .. Check("core-live", "http", "P1", ("Url", _standIn.Url("/log-p0-down"))),
            .. Check("cosmetic", "http", "P2", ("Url", _standIn.Url("/log-ok"))),
            ("Modes:fine:Tiers:0", "P0"), // every mode runs P0; "fine" leaves out the failing P1 check
            ("Modes:fine:Tiers:1", "P2"),
        ]);
        using var client = app.CapturingLogs(logs).CreateClient();

        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        await client.GetAsync(new Uri("/preflight?mode=fine", UriKind.Relative));

        Assert.Collection(
            logs.WithEventId(7010),
            fail =>
            {
                Assert.Equal(LogLevel.Error, fail.Level);
                Assert.Equal("P1_FAIL", fail["Verdict"]);
                Assert.Equal("2", fail["ExitCode"]);
                Assert.Equal("live", fail["Mode"]);
                Assert.Matches("^[0-9A-Z]{26}$", fail["RunId"]);
                Assert.Equal("core-live (P1 Unhealthy: unexpected_status)", fail["NotHealthy"]);
            },
            pass =>
            {
                Assert.Equal(LogLevel.Information, pass.Level);
                Assert.Equal("PASS", pass["Verdict"]);
                Assert.Equal("none", pass["NotHealthy"]);
            });
    }

    [Fact]
    public async Task PreflightsLogTransitionsOfTheirChecks()
    {
        var healthy = true;
        _standIn.Respond("/log-flip", context =>
        {
            context.Response.StatusCode = healthy ? 200 : 500;
            return Task.CompletedTask;
        });
        var logs = new CapturingLoggerProvider();
        // P1: outside the readiness tiers, so only preflights see this check.
        await using var app = HealthGateApplication.With([.. Check("execution", "http", "P1", ("Url", _standIn.Url("/log-flip")))]);
        using var client = app.CapturingLogs(logs).CreateClient();

        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        healthy = false;
        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        healthy = true;
        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));

        var transitions = logs.Entries.Where(e => e.EventId.Id is >= 7001 and <= 7003).ToList();
        Assert.Equal([7001, 7003], transitions.Select(e => e.EventId.Id));
        Assert.All(transitions, e => Assert.Equal(("execution", "preflight:live"), (e["Check"], e["Source"])));
    }

    [Fact]
    public async Task BackgroundReadinessRunsLogTransitionsOfTheirChecks()
    {
        var healthy = true;
        _standIn.Respond("/log-ready-flip", context =>
        {
            context.Response.StatusCode = healthy ? 200 : 500;
            return Task.CompletedTask;
        });
        var logs = new CapturingLoggerProvider();
        await using var app = HealthGateApplication.With([
            .. Check("redis-ish", "http", "P0", ("Url", _standIn.Url("/log-ready-flip"))),
            ("Readiness:PeriodSeconds", 1),
        ]);
        using var client = app.CapturingLogs(logs).CreateClient();
        await ProcessRunner.WaitUntilAsync(async () => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "first readiness run");

        healthy = false;
        await ProcessRunner.WaitUntilAsync(() => Task.FromResult(logs.WithEventId(7001).Count > 0), TimeSpan.FromSeconds(30), "the Unhealthy transition logged");
        healthy = true;
        await ProcessRunner.WaitUntilAsync(() => Task.FromResult(logs.WithEventId(7003).Count > 0), TimeSpan.FromSeconds(30), "the recovery logged");

        var down = Assert.Single(logs.WithEventId(7001));
        Assert.Equal(("redis-ish", "readiness", "Healthy"), (down["Check"], down["Source"], down["Previous"]));
        Assert.Equal("readiness", Assert.Single(logs.WithEventId(7003))["Source"]);
    }
}
