using System.Net;
using System.Text.Json;
using static HealthGate.Testing.Preflights;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Preflight;

/// <summary>Every verdict path of /preflight against real HTTP stand-ins.</summary>
public sealed class PreflightVerdictTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Theory]
    [InlineData(200, 200, 200, HttpStatusCode.OK, "PASS", 0)]
    [InlineData(200, 503, 503, HttpStatusCode.ServiceUnavailable, "P1_FAIL", 2)]
    [InlineData(200, 200, 404, HttpStatusCode.OK, "P2_WARN", 3)]
    public async Task TheWorstUnhealthyTierDecidesVerdictExitCodeAndStatus(int p0, int p1, int p2, HttpStatusCode expectedStatus, string verdict, int exitCode)
    {
        _standIn.Respond("/tier-p0", p0, "p0");
        _standIn.Respond("/tier-p1", p1, "p1");
        _standIn.Respond("/tier-p2", p2, "p2");
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/tier-p0"))),
            .. Check("integration", "http", "P1", ("Url", _standIn.Url("/tier-p1"))),
            .. Check("cosmetic", "http", "P2", ("Url", _standIn.Url("/tier-p2"))),
        ]);

        var (status, json) = await GetPreflightAsync(app, "live");

        Assert.Equal(expectedStatus, status);
        Assert.Equal(verdict, json.GetProperty("verdict").GetString());
        Assert.Equal(exitCode, json.GetProperty("exitCode").GetInt32());
        Assert.Equal(new[] { p0, p1, p2 }.Count(s => s == 200), json.GetProperty("summary").GetProperty("healthy").GetInt32());
    }

    [Fact]
    public async Task UnhealthyP0IsP0FailWithExitCode1And503()
    {
        _standIn.Respond("/ok", 200, "ok");
        _standIn.Respond("/down", 500, "boom");
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/down"))),
            .. Check("integration", "http", "P1", ("Url", _standIn.Url("/down"))),
        ]);

        var (status, json) = await GetPreflightAsync(app, "live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("P0_FAIL", json.GetProperty("verdict").GetString());
        Assert.Equal(1, json.GetProperty("exitCode").GetInt32());
        var core = json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "core");
        Assert.Equal("unexpected_status", core.GetProperty("reason").GetString());
        Assert.Equal("P0", core.GetProperty("tier").GetString());
        Assert.Equal("http", core.GetProperty("type").GetString());
    }

    [Fact]
    public async Task DegradedP0IsP2Warn()
    {
        _standIn.Delay("/slow", TimeSpan.FromMilliseconds(150));
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/slow")), ("MaxLatencyMs", 20)),
        ]);

        var (status, json) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("P2_WARN", json.GetProperty("verdict").GetString());
        var check = json.GetProperty("checks")[0];
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Equal("slow", check.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task PaperModeRunsOnlyP0Checks()
    {
        _standIn.Respond("/ok", 200, "ok");
        _standIn.Respond("/down", 500, "boom");
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/ok"))),
            .. Check("integration", "http", "P1", ("Url", _standIn.Url("/down"))),
        ]);

        var (_, json) = await GetPreflightAsync(app, "paper");

        Assert.Equal("PASS", json.GetProperty("verdict").GetString());
        Assert.Equal("core", Assert.Single(json.GetProperty("checks").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task ConfiguredModeSelectsItsTiers()
    {
        _standIn.Respond("/down", 500, "boom");
        await using var app = HealthGateApplication.With([
            .. Check("integration", "http", "P1", ("Url", _standIn.Url("/down"))),
            ("Modes:integration:Tiers:0", "P0"),
            ("Modes:integration:Tiers:1", "P1"),
        ]);

        var (_, json) = await GetPreflightAsync(app, "integration");

        Assert.Equal("P1_FAIL", json.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task UnknownModeIsProblem400()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/preflight?mode=yolo", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("yolo", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreflightJsonHasTheDesignFields()
    {
        _standIn.Respond("/ok", 200, "ok");
        await using var app = HealthGateApplication.With([.. Check("core", "http", "P0", ("Url", _standIn.Url("/ok")))]);

        var (_, json) = await GetPreflightAsync(app, "paper");

        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}$", json.GetProperty("runId").GetString());
        Assert.Equal("paper", json.GetProperty("mode").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", json.GetProperty("startedAt").GetString());
        Assert.True(json.GetProperty("durationMs").GetDouble() > 0);
        Assert.Equal(1, json.GetProperty("summary").GetProperty("total").GetInt32());
        var check = json.GetProperty("checks")[0];
        foreach (var field in new[] { "name", "type", "tier", "status", "durationMs", "reason", "description", "data", "dependsOn", "blockedBy" })
        {
            Assert.True(check.TryGetProperty(field, out _), $"check field '{field}' missing");
        }

        Assert.Equal("ok", check.GetProperty("reason").GetString());
        Assert.Equal(200, check.GetProperty("data").GetProperty("statusCode").GetInt32());
    }
}
