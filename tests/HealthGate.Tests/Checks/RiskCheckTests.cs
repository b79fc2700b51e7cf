using System.Text.Json;
using HealthGate.Checks.Probing;
using HealthGate.Checks.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The <c>risk</c> check against a real HTTP stand-in serving the backend's risk state. How the JSON is read runs on
/// the check itself (no host); status codes, ports and configured keys go through the service, proving the wiring.
/// </summary>
public sealed class RiskCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static readonly string[] HighOnly = ["HIGH"];

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task ANormalLevelWithEssOffIsHealthy()
    {
        var check = await RunStateAsync("/risk/normal", """{"global_risk":{"level":"NORMAL"},"ess":{"active":false}}""");

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.Equal("NORMAL", check.Data("level").GetString());
        Assert.False(check.Data("essActive").GetBoolean());
    }

    [Fact]
    public async Task ACriticalLevelIsRiskCriticalByDefault()
    {
        var check = await RunStateAsync("/risk/critical", """{"global_risk":{"level":"CRITICAL"},"ess":{"active":false}}""");

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("risk_critical", check.Reason());
        Assert.Contains("CRITICAL", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABlockingLevelMatchesWhateverItsCase()
    {
        var check = await RunStateAsync("/risk/critical-lower", """{"global_risk":{"level":"critical"},"ess":{"active":false}}""");

        Assert.Equal("risk_critical", check.Reason());
    }

    [Fact]
    public async Task AnActiveEmergencyStopIsEssActive()
    {
        var check = await RunStateAsync("/risk/ess", """{"global_risk":{"level":"NORMAL"},"ess":{"active":true}}""");

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("ess_active", check.Reason());
        Assert.True(check.Data("essActive").GetBoolean());
    }

    [Fact]
    public async Task AnActiveEmergencyStopIsReportedEvenWhenTheLevelIsMissing()
    {
        var check = await RunStateAsync("/risk/ess-no-level", """{"ess":{"active":true}}""");

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("ess_active", check.Reason());
    }

    [Theory]
    [InlineData("level-missing", """{"ess":{"active":false}}""")]
    [InlineData("ess-missing", """{"global_risk":{"level":"NORMAL"}}""")]
    [InlineData("level-null", """{"global_risk":{"level":null},"ess":{"active":false}}""")]
    [InlineData("level-number", """{"global_risk":{"level":3},"ess":{"active":false}}""")]
    [InlineData("empty-object", "{}")]
    [InlineData("array", """[{"global_risk":{"level":"NORMAL"},"ess":{"active":false}}]""")]
    public async Task AMissingOrMistypedFieldIsMissingFieldNeverHealthy(string path, string body)
    {
        var check = await RunStateAsync("/risk/" + path, body);

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("missing_field", check.Reason());
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsInvalidResponse()
    {
        var check = await RunStateAsync("/risk/html", "<html><body>Bad gateway</body></html>");

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("invalid_response", check.Reason());
    }

    [Fact]
    public async Task ANon2xxStatusIsUnexpectedStatus()
    {
        _standIn.Respond("/risk/down", 503, """{"global_risk":{"level":"NORMAL"},"ess":{"active":false}}""");

        var check = await RunAsync(("Url", _standIn.Url("/risk/down")));

        Assert.Equal("unexpected_status", check.Reason());
    }

    [Fact]
    public async Task AClosedPortIsUnreachable()
    {
        var check = await RunAsync(("Url", $"http://127.0.0.1:{FreePort.Next()}/risk/state"));

        Assert.Equal("unreachable", check.Reason());
    }

    [Theory]
    [InlineData("HIGH", "Unhealthy", "risk_critical")]
    [InlineData("CRITICAL", "Unhealthy", "risk_critical")]
    [InlineData("ELEVATED", "Unhealthy", "unknown_risk_level")]
    [InlineData("NORMAL", "Healthy", "ok")]
    public async Task ConfiguredBlockingLevelsAddToCriticalAndNeverAllow(string level, string status, string reason)
    {
        var check = await RunStateAsync($"/risk/replace-{level}", $$$"""{"global_risk":{"level":"{{{level}}}"},"ess":{"active":false}}""", new RiskCheckOptions { BlockingLevels = HighOnly });

        Assert.Equal(status, check.Status());
        Assert.Equal(reason, check.Reason());
    }

    [Fact]
    public async Task ConfiguredBlockingLevelsReachTheCheckThroughTheService()
    {
        _standIn.Respond("/risk/configured-high", 200, """{"global_risk":{"level":"HIGH"},"ess":{"active":false}}""");

        var check = await RunAsync(("Url", _standIn.Url("/risk/configured-high")), ("BlockingLevels", HighOnly));

        Assert.Equal("risk_critical", check.Reason());
    }

    [Fact]
    public async Task ConfiguredPointersAreFollowed()
    {
        _standIn.Respond("/risk/custom", 200, """{"state":[{"risk/level":"ELEVATED"}],"flags":{"ess~stop":true}}""");

        var check = await RunAsync(
            ("Url", _standIn.Url("/risk/custom")),
            ("LevelPointer", "/state/0/risk~1level"),
            ("EssActivePointer", "/flags/ess~0stop"));

        Assert.Equal("ess_active", check.Reason());
        Assert.Equal("ELEVATED", check.Data("level").GetString());
    }

    [Theory]
    [InlineData(null, null, "HealthGate:Checks:risk:Url: is required")]
    [InlineData("Url", "risk/state", "HealthGate:Checks:risk:Url: must be an absolute http:// or https:// URL")]
    [InlineData("LevelPointer", "global_risk/level", "HealthGate:Checks:risk:LevelPointer:")]
    [InlineData("EssActivePointer", "ess.active", "HealthGate:Checks:risk:EssActivePointer:")]
    public void BadConfigurationIsRefusedNamingTheKey(string? key, object? value, string expected)
    {
        (string, object?)[] keys = key is null ? [] : key == "Url" ? [("Url", value)] : [("Url", "http://127.0.0.1/risk"), (key, value)];

        var errors = CheckJson.ConfigErrors(Check("risk", "risk", "P0", keys));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AMisspelledKeyIsRefusedNamingIt()
    {
        var errors = CheckJson.ConfigErrors(Check("risk", "risk", "P0", ("Url", "http://127.0.0.1/risk"), ("BlockingLevel:0", "HIGH")));

        var error = Assert.Single(errors);
        Assert.StartsWith("HealthGate:Checks:risk:BlockingLevel: unknown key", error, StringComparison.Ordinal);
    }

    /// <summary>The check itself, without a host, on a stand-in answering <paramref name="body"/>; shown as the preflight JSON shows it.</summary>
    private async Task<JsonElement> RunStateAsync(string path, string body, RiskCheckOptions? options = null)
    {
        _standIn.Respond(path, 200, body);
        options ??= new RiskCheckOptions();
        options.Url = _standIn.Url(path);
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var result = await new RiskHealthCheck(options, new HttpProbe(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System)).CheckHealthAsync(new HealthCheckContext());
        return JsonSerializer.SerializeToElement(new
        {
            status = result.Status.ToString(),
            reason = result.Data["reason"],
            description = result.Description,
            data = result.Data.Where(d => d.Key != "reason").ToDictionary(),
        });
    }

    private static async Task<JsonElement> RunAsync(params (string Key, object? Value)[] keys)
    {
        await using var app = HealthGateApplication.With(Check("risk", "risk", "P0", keys));
        return await CheckJson.RunAsync(app, "risk");
    }
}
