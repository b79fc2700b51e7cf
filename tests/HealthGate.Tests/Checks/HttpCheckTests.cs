using HealthGate.Checks.Probing;
using Microsoft.AspNetCore.Http;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The <c>http</c> check against a real HTTP stand-in, through GET /preflight.</summary>
public sealed class HttpCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task A200IsHealthyByDefault()
    {
        _standIn.Respond("/http/ok", 200, "ready");

        var check = await RunAsync(("Url", _standIn.Url("/http/ok")));

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.Equal(200, check.Data("statusCode").GetInt32());
        Assert.True(check.Data("latencyMs").GetDouble() > 0);
    }

    [Fact]
    public async Task AConfiguredNon200StatusSuchAs204IsHealthy()
    {
        _standIn.Respond("/http/no-content", 204, "");

        var check = await RunAsync(("Url", _standIn.Url("/http/no-content")), ("ExpectedStatus", 204));

        Assert.Equal("Healthy", check.Status());
        Assert.Equal(204, check.Data("statusCode").GetInt32());
    }

    [Fact]
    public async Task A200WhenA204IsExpectedIsUnexpectedStatus()
    {
        _standIn.Respond("/http/two-hundred", 200, "ok");

        var check = await RunAsync(("Url", _standIn.Url("/http/two-hundred")), ("ExpectedStatus", 204));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("unexpected_status", check.Reason());
        Assert.Contains("204", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongStatusIsUnexpectedStatusNamingTheStatus()
    {
        _standIn.Respond("/http/error", 500, "boom");

        var check = await RunAsync(("Url", _standIn.Url("/http/error")));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("unexpected_status", check.Reason());
        Assert.Contains("500", check.Description(), StringComparison.Ordinal);
        Assert.Equal(500, check.Data("statusCode").GetInt32());
    }

    [Fact]
    public async Task ARedirectIsNotFollowedAndIsUnexpectedStatus()
    {
        _standIn.Respond("/http/ok", 200, "ok");
        _standIn.Respond("/http/moved", context =>
        {
            context.Response.Redirect("/http/ok");
            return Task.CompletedTask;
        });

        var check = await RunAsync(("Url", _standIn.Url("/http/moved")));

        Assert.Equal("unexpected_status", check.Reason());
        Assert.Equal(302, check.Data("statusCode").GetInt32());
    }

    [Fact]
    public async Task AClosedPortIsUnreachable()
    {
        var check = await RunAsync(("Url", $"http://127.0.0.1:{FreePort.Next()}/health"));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("unreachable", check.Reason());
    }

    [Fact]
    public async Task AConnectionDroppedMidBodyIsUnreachable()
    {
        _standIn.Respond("/http/dropped", async context =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("partial");
            await context.Response.Body.FlushAsync();
            context.Abort();
        });

        var check = await RunAsync(("Url", _standIn.Url("/http/dropped")));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("unreachable", check.Reason());
    }

    [Fact]
    public async Task CredentialsInTheUrlNeverAppearInTheResult()
    {
        var check = await RunAsync(("Url", $"http://probe:Pa55-word-9q@127.0.0.1:{FreePort.Next()}/health"));

        Assert.Equal("unreachable", check.Reason());
        Assert.DoesNotContain("Pa55-word-9q", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowerThanMaxLatencyIsDegradedSlow()
    {
        _standIn.Delay("/http/slow", TimeSpan.FromMilliseconds(150));

        var check = await RunAsync(("Url", _standIn.Url("/http/slow")), ("MaxLatencyMs", 20));

        Assert.Equal("Degraded", check.Status());
        Assert.Equal("slow", check.Reason());
        Assert.True(check.Data("latencyMs").GetDouble() >= 100);
    }

    [Fact]
    public async Task FasterThanMaxLatencyIsHealthy()
    {
        _standIn.Respond("/http/fast", 200, "ok");

        var check = await RunAsync(("Url", _standIn.Url("/http/fast")), ("MaxLatencyMs", 1500));

        Assert.Equal("Healthy", check.Status());
    }

    [Fact]
    public async Task ABodyWithoutTheExpectedTextIsBodyMismatch()
    {
        _standIn.Respond("/http/body", 200, """{"status":"starting"}""");

        var check = await RunAsync(("Url", _standIn.Url("/http/body")), ("BodyContains", "\"status\":\"ready\""));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("body_mismatch", check.Reason());
    }

    [Fact]
    public async Task ABodyWithTheExpectedTextIsHealthy()
    {
        _standIn.Respond("/http/body-ready", 200, """{"status":"ready"}""");

        var check = await RunAsync(("Url", _standIn.Url("/http/body-ready")), ("BodyContains", "\"status\":\"ready\""));

        Assert.Equal("Healthy", check.Status());
    }

    [Fact]
    public async Task AnEndpointThatNeverAnswersIsTimeout()
    {
        _standIn.Hang("/http/hang");

        var check = await RunAsync(("Url", _standIn.Url("/http/hang")), ("TimeoutMs", 200));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("timeout", check.Reason());
    }

    [Fact]
    public void TheSafeUrlDropsCredentialsAndQueryButKeepsThePath()
    {
        Assert.Equal("http://127.0.0.1:81/a@b", HttpProbe.Safe("http://user:pw@127.0.0.1:81/a@b?token=x"));
        Assert.Equal("http://127.0.0.1:81/mail@box/health", HttpProbe.Safe("http://127.0.0.1:81/mail@box/health"));
    }

    [Theory]
    [InlineData(null, null, "HealthGate:Checks:web:Url: is required")]
    [InlineData("Url", "ftp://127.0.0.1/x", "HealthGate:Checks:web:Url: must be an absolute http:// or https:// URL")]
    [InlineData("Url", "/relative/health", "HealthGate:Checks:web:Url: must be an absolute http:// or https:// URL")]
    [InlineData("ExpectedStatus", 99, "HealthGate:Checks:web:ExpectedStatus:")]
    [InlineData("MaxLatencyMs", 0, "HealthGate:Checks:web:MaxLatencyMs:")]
    [InlineData("TimeoutMs", 0, "HealthGate:Checks:web:TimeoutMs:")]
    public void BadConfigurationIsRefusedNamingTheKey(string? key, object? value, string expected)
    {
        (string, object?)[] keys = key is null ? [] : key == "Url" ? [("Url", value)] : [("Url", "http://127.0.0.1/x"), (key, value)];

        var errors = CheckJson.ConfigErrors(Check("web", "http", "P1", keys));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    private static async Task<System.Text.Json.JsonElement> RunAsync(params (string Key, object? Value)[] keys)
    {
        await using var app = HealthGateApplication.With(Check("web", "http", "P1", keys));
        return await CheckJson.RunAsync(app, "web");
    }
}
