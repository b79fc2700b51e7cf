using System.Text.Json;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The <c>scenarios</c> check against a real HTTP stand-in serving the stress-scenario registry.</summary>
public sealed class ScenariosCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static readonly string[] CrashAndOutage = ["flash_crash", "exchange_outage"];
    private static readonly string[] CrashOutageAndSpike = ["flash_crash", "exchange_outage", "volatility_spike", "api_rate_limit"];

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Theory]
    [InlineData("strings", """["flash_crash","exchange_outage","volatility_spike"]""")]
    [InlineData("objects", """[{"name":"flash_crash","severity":3},{"name":"exchange_outage"},{"name":"volatility_spike"}]""")]
    [InlineData("wrapped", """{"scenarios":[{"name":"flash_crash"},"exchange_outage",{"name":"volatility_spike"}],"version":7}""")]
    public async Task AllExpectedScenariosPresentIsHealthyWhateverTheListShape(string shape, string body)
    {
        _standIn.Respond("/scenarios/" + shape, 200, body);

        var check = await RunAsync(("Url", _standIn.Url("/scenarios/" + shape)), ("Expected", CrashAndOutage));

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.Equal(3, check.Data("count").GetInt32());
    }

    [Fact]
    public async Task MissingScenariosAreNamedInDescriptionAndData()
    {
        _standIn.Respond("/scenarios/partial", 200, """[{"name":"flash_crash"},{"name":"exchange_outage"}]""");

        var check = await RunAsync(("Url", _standIn.Url("/scenarios/partial")), ("Expected", CrashOutageAndSpike));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("missing_scenarios", check.Reason());
        Assert.Equal(["volatility_spike", "api_rate_limit"], check.Data("missing").Strings());
        Assert.Contains("volatility_spike", check.Description(), StringComparison.Ordinal);
        Assert.Contains("api_rate_limit", check.Description(), StringComparison.Ordinal);
        Assert.DoesNotContain("flash_crash", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FewerScenariosThanMinCountIsTooFewScenarios()
    {
        _standIn.Respond("/scenarios/two", 200, """["flash_crash","exchange_outage"]""");

        var check = await RunAsync(("Url", _standIn.Url("/scenarios/two")), ("Expected", CrashAndOutage), ("MinCount", 3));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("too_few_scenarios", check.Reason());
        Assert.Equal(2, check.Data("count").GetInt32());
    }

    [Fact]
    public async Task DuplicatesAndEntriesWithoutANameDoNotCountTowardsMinCount()
    {
        _standIn.Respond("/scenarios/padded", 200, """["flash_crash","flash_crash",{"id":7},{"name":null},42,null]""");

        var check = await RunAsync(("Url", _standIn.Url("/scenarios/padded")), ("MinCount", 2));

        Assert.Equal("too_few_scenarios", check.Reason());
        Assert.Equal(1, check.Data("count").GetInt32());
    }

    [Fact]
    public async Task MinCountMetIsHealthy()
    {
        _standIn.Respond("/scenarios/three", 200, """["a","b","c"]""");

        var check = await RunAsync(("Url", _standIn.Url("/scenarios/three")), ("MinCount", 3));

        Assert.Equal("Healthy", check.Status());
    }

    [Theory]
    [InlineData("not-json", "flash_crash, exchange_outage")]
    [InlineData("object", """{"items":["flash_crash","exchange_outage"]}""")]
    [InlineData("wrapped-object", """{"scenarios":{"flash_crash":{},"exchange_outage":{}}}""")]
    public async Task ABodyThatIsNotAScenarioListIsInvalidResponse(string path, string body)
    {
        _standIn.Respond("/scenarios/bad-" + path, 200, body);

        var check = await RunAsync(("Url", _standIn.Url("/scenarios/bad-" + path)), ("Expected", CrashAndOutage));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("invalid_response", check.Reason());
    }

    [Fact]
    public async Task ANon2xxStatusIsUnexpectedStatus()
    {
        _standIn.Respond("/scenarios/down", 500, """["flash_crash","exchange_outage"]""");

        var check = await RunAsync(("Url", _standIn.Url("/scenarios/down")), ("Expected", CrashAndOutage));

        Assert.Equal("unexpected_status", check.Reason());
    }

    [Theory]
    [InlineData(null, null, "HealthGate:Checks:stress-scenarios:Url: is required")]
    [InlineData("Url", "stress/scenarios", "HealthGate:Checks:stress-scenarios:Url: must be an absolute http:// or https:// URL")]
    [InlineData("MinCount", 0, "HealthGate:Checks:stress-scenarios:MinCount:")]
    [InlineData("Expected:0", " ", "HealthGate:Checks:stress-scenarios:Expected:")]
    public void BadConfigurationIsRefusedNamingTheKey(string? key, object? value, string expected)
    {
        (string, object?)[] keys = key is null ? [("Expected", CrashAndOutage)]
            : key == "Url" ? [("Url", value), ("Expected", CrashAndOutage)]
            : [("Url", "http://127.0.0.1/stress/scenarios"), (key, value)];

        var errors = CheckJson.ConfigErrors(Check("stress-scenarios", "scenarios", "P1", keys));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ACheckThatExpectsNothingIsRefused()
    {
        var errors = CheckJson.ConfigErrors(Check("stress-scenarios", "scenarios", "P1", ("Url", "http://127.0.0.1/stress/scenarios")));

        Assert.Contains(errors, e => e.StartsWith("HealthGate:Checks:stress-scenarios:Expected:", StringComparison.Ordinal));
    }

    private static async Task<JsonElement> RunAsync(params (string Key, object? Value)[] keys)
    {
        await using var app = HealthGateApplication.With(Check("stress-scenarios", "scenarios", "P1", keys));
        return await CheckJson.RunAsync(app, "stress-scenarios");
    }
}
