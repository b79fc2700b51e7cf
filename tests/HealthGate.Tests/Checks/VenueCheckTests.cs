using System.Text.Json;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Checks.VenueAnswers;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The <c>venue</c> check against a real HTTP stand-in answering in each venue's documented format: Binance's
/// system status, Kraken's SystemStatus and an Atlassian Statuspage summary. Reading runs on the check itself with a
/// fake clock; status codes, ports, secrets and configured keys go through the service.
/// </summary>
public sealed class VenueCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Theory]
    [InlineData("normal", """{"status":0,"msg":"normal"}""", "Healthy", "ok")]
    [InlineData("no-msg", """{"status":0}""", "Healthy", "ok")]
    [InlineData("maintenance", """{"status":1,"msg":"system maintenance"}""", "Unhealthy", "venue_maintenance")]
    [InlineData("two", """{"status":2,"msg":"normal"}""", "Unhealthy", "invalid_response")]
    [InlineData("negative", """{"status":-1,"msg":"normal"}""", "Unhealthy", "invalid_response")]
    [InlineData("fraction", """{"status":0.5,"msg":"normal"}""", "Unhealthy", "invalid_response")]
    [InlineData("decimal-zero", """{"status":0.0,"msg":"normal"}""", "Unhealthy", "invalid_response")]
    [InlineData("string", """{"status":"0","msg":"normal"}""", "Unhealthy", "invalid_response")]
    [InlineData("null", """{"status":null,"msg":"normal"}""", "Unhealthy", "invalid_response")]
    [InlineData("missing", """{"msg":"normal"}""", "Unhealthy", "invalid_response")]
    [InlineData("array", """[{"status":0,"msg":"normal"}]""", "Unhealthy", "invalid_response")]
    [InlineData("contradiction", """{"status":0,"msg":"system maintenance"}""", "Unhealthy", "invalid_response")]
    [InlineData("duplicate", """{"status":0,"status":1,"msg":"normal"}""", "Unhealthy", "invalid_response")]
    public async Task BinanceSystemStatusOpensOnlyOnTheIntegerZero(string name, string body, string status, string reason)
    {
        var check = await RunDirectAsync("binance", body);

        Assert.True((check.Status(), check.Reason()) == (status, reason), $"{name}: {check}");
    }

    [Fact]
    public async Task BinanceMaintenanceCarriesTheVenueStatusAndMessage()
    {
        var check = await RunDirectAsync("binance", """{"status":1,"msg":"system maintenance"}""");

        Assert.Equal(1, check.Data("venueStatus").GetInt32());
        Assert.Equal("system maintenance", check.Data("venueMessage").GetString());
        Assert.Equal("binance", check.Data("format").GetString());
    }

    [Theory]
    [InlineData("online", "Healthy", "ok")]
    [InlineData("maintenance", "Unhealthy", "venue_maintenance")]
    [InlineData("cancel_only", "Unhealthy", "venue_restricted")]
    [InlineData("post_only", "Unhealthy", "venue_restricted")]
    [InlineData("limit_only", "Unhealthy", "venue_restricted")]
    [InlineData("Online", "Unhealthy", "invalid_response")]
    [InlineData("online ", "Unhealthy", "invalid_response")]
    [InlineData("reduce_only", "Unhealthy", "invalid_response")]
    [InlineData("", "Unhealthy", "invalid_response")]
    public async Task KrakenStatusesMatchExactly(string venueStatus, string status, string reason)
    {
        var body = $$$"""{"error":[],"result":{"status":{{{JsonSerializer.Serialize(venueStatus)}}},"timestamp":"2026-12-01T10:00:00Z"}}""";

        var check = await RunDirectAsync("kraken", body);

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
        Assert.Equal(venueStatus, check.Data("venueStatus").GetString());
        Assert.Equal("2026-12-01T10:00:00Z", check.Data("venueTimestamp").GetString());
    }

    [Theory]
    [InlineData("errors", """{"error":["EService:Unavailable"],"result":{"status":"online","timestamp":"2026-12-01T10:00:00Z"}}""")]
    [InlineData("no-error", """{"result":{"status":"online","timestamp":"2026-12-01T10:00:00Z"}}""")]
    [InlineData("error-object", """{"error":{},"result":{"status":"online"}}""")]
    [InlineData("no-result", """{"error":[]}""")]
    [InlineData("status-number", """{"error":[],"result":{"status":1}}""")]
    [InlineData("duplicate", """{"error":[],"result":{"status":"maintenance","status":"online"}}""")]
    public async Task AKrakenAnswerWithErrorsOrWithoutAStatusIsNeverOpen(string name, string body)
    {
        var check = await RunDirectAsync("kraken", body);

        Assert.True((check.Status(), check.Reason()) == ("Unhealthy", "invalid_response"), $"{name}: {check}");
    }

    [Fact]
    public async Task KrakenErrorsAreShownToTheOperator()
    {
        var check = await RunDirectAsync("kraken", """{"error":["EService:Unavailable"],"result":{}}""");

        Assert.Equal(["EService:Unavailable"], check.Data("venueErrors").Strings());
        Assert.Contains("EService:Unavailable", check.Description(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", "Healthy", "ok")]
    [InlineData("minor", "Degraded", "venue_degraded")]
    [InlineData("major", "Unhealthy", "venue_degraded")]
    [InlineData("critical", "Unhealthy", "venue_degraded")]
    [InlineData("maintenance", "Unhealthy", "venue_maintenance")]
    [InlineData("None", "Unhealthy", "invalid_response")]
    [InlineData("unknown", "Unhealthy", "invalid_response")]
    public async Task TheStatuspageIndicatorDecides(string indicator, string status, string reason)
    {
        var check = await RunDirectAsync("statuspage", Summary(indicator));

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
        Assert.Equal(indicator, check.Data("indicator").GetString());
        Assert.Equal("Example Exchange", check.Data("page").GetString());
    }

    [Fact]
    public async Task AStatuspageSummaryShowsTheOperatorItsIncidentsAndAffectedComponents()
    {
        var body = Summary("minor", incidents: """[{"id":"p31zjtct2jer","name":"Delayed withdrawals","status":"investigating","impact":"minor"}]""", withdrawals: "degraded_performance");

        var check = await RunDirectAsync("statuspage", body);

        Assert.Equal("Degraded", check.Status());
        Assert.Equal(["Delayed withdrawals"], check.Data("unresolvedIncidents").Strings());
        Assert.Equal(["Withdrawals"], check.Data("componentsNotOperational").Strings());
        Assert.Equal("Minor Service Outage", check.Data("venueStatus").GetString());
    }

    [Theory]
    [InlineData("in_progress", "2026-12-01T09:30:00.000Z", "2026-12-01T11:00:00.000Z")]
    [InlineData("verifying", "2026-12-01T09:30:00.000Z", "2026-12-01T11:00:00.000Z")]
    [InlineData("scheduled", "2026-12-01T09:30:00.000Z", "2026-12-01T11:00:00.000Z")] // started, never flipped
    [InlineData("scheduled", "2026-12-01T04:30:00.000-05:00", null)] // started, no end given
    [InlineData("scheduled", "2026-12-01T10:00:00.000Z", "2026-12-01T11:00:00.000Z")] // starts this instant
    public async Task AMaintenanceUnderwayIsVenueMaintenanceEvenWhenTheIndicatorIsNone(string maintenanceStatus, string startsAt, string? endsAt)
    {
        var body = Summary("none", Maintenance("Matching engine upgrade", maintenanceStatus, startsAt, endsAt));

        var check = await RunDirectAsync("statuspage", body);

        Assert.Equal(("Unhealthy", "venue_maintenance"), (check.Status(), check.Reason()));
        Assert.Equal("Matching engine upgrade", check.Data("maintenanceName").GetString());
        Assert.Equal(maintenanceStatus, check.Data("maintenanceStatus").GetString());
    }

    [Fact]
    public async Task AMaintenanceStartingWithinTheLeadTimeIsMaintenanceSoonWithItsStartInUtc()
    {
        // 10:20 in UTC, written at the page's own offset: the 20 minutes are within the default 30.
        var body = Summary("none", Maintenance("Matching engine upgrade", "scheduled", "2026-12-01T05:20:00.000-05:00", "2026-12-01T06:00:00.000-05:00"));

        var check = await RunDirectAsync("statuspage", body);

        Assert.Equal(("Degraded", "maintenance_soon"), (check.Status(), check.Reason()));
        Assert.Equal("2026-12-01T10:20:00.000Z", check.Data("maintenanceStartsAt").GetString());
        Assert.Equal("2026-12-01T11:00:00.000Z", check.Data("maintenanceEndsAt").GetString());
        Assert.Equal("Matching engine upgrade", check.Data("maintenanceName").GetString());
        Assert.Contains("20 min", check.Description(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30, "2026-12-01T10:30:00.000Z", "Degraded", "maintenance_soon")]
    [InlineData(30, "2026-12-01T10:30:00.001Z", "Healthy", "ok")]
    [InlineData(60, "2026-12-01T10:45:00.000Z", "Degraded", "maintenance_soon")]
    [InlineData(0, "2026-12-01T10:00:01.000Z", "Healthy", "ok")]
    public async Task TheLeadTimeIsInclusiveAndConfigurable(int leadMinutes, string startsAt, string status, string reason)
    {
        var body = Summary("none", Maintenance("Wallet migration", "scheduled", startsAt, "2026-12-01T12:00:00.000Z"));

        var check = await RunDirectAsync("statuspage", body, leadMinutes);

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
    }

    [Fact]
    public async Task AMaintenanceUnderwayOutranksAMajorIndicatorAndASoonOneOutranksAMinorIndicator()
    {
        var underway = await RunDirectAsync("statuspage", Summary("major", Maintenance("Upgrade", "in_progress", "2026-12-01T09:00:00Z", null)));
        var soon = await RunDirectAsync("statuspage", Summary("minor", Maintenance("Upgrade", "scheduled", "2026-12-01T10:10:00Z", null)));

        Assert.Equal(("Unhealthy", "venue_maintenance"), (underway.Status(), underway.Reason()));
        Assert.Equal(("Degraded", "maintenance_soon"), (soon.Status(), soon.Reason()));
    }

    [Theory]
    [InlineData("completed", "2026-12-01T09:00:00Z", "2026-12-01T09:30:00Z")]
    [InlineData("scheduled", "2026-12-01T08:00:00Z", "2026-12-01T09:00:00Z")] // its whole window is past
    [InlineData("scheduled", "2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z")] // tomorrow
    public async Task AMaintenanceThatIsOverOrFarAwayLeavesTheVenueOpen(string maintenanceStatus, string startsAt, string endsAt)
    {
        var check = await RunDirectAsync("statuspage", Summary("none", Maintenance("Upgrade", maintenanceStatus, startsAt, endsAt)));

        Assert.Equal(("Healthy", "ok"), (check.Status(), check.Reason()));
    }

    [Theory]
    [InlineData("no-list", """{"page":{"name":"Example Exchange"},"status":{"indicator":"none","description":"All Systems Operational"}}""")]
    [InlineData("no-status", """{"page":{"name":"Example Exchange"},"scheduled_maintenances":[]}""")]
    [InlineData("indicator-number", """{"status":{"indicator":0},"scheduled_maintenances":[]}""")]
    [InlineData("list-object", """{"status":{"indicator":"none"},"scheduled_maintenances":{}}""")]
    [InlineData("maintenance-state", """{"status":{"indicator":"none"},"scheduled_maintenances":[{"name":"Upgrade","status":"postponed","scheduled_for":"2026-12-01T09:00:00Z"}]}""")]
    [InlineData("maintenance-no-state", """{"status":{"indicator":"none"},"scheduled_maintenances":[{"name":"Upgrade","scheduled_for":"2026-12-01T09:00:00Z"}]}""")]
    [InlineData("no-start", """{"status":{"indicator":"none"},"scheduled_maintenances":[{"name":"Upgrade","status":"scheduled","scheduled_until":"2026-12-01T11:00:00Z"}]}""")]
    [InlineData("local-start", """{"status":{"indicator":"none"},"scheduled_maintenances":[{"name":"Upgrade","status":"scheduled","scheduled_for":"2026-12-01T10:10:00"}]}""")]
    [InlineData("bad-end", """{"status":{"indicator":"none"},"scheduled_maintenances":[{"name":"Upgrade","status":"scheduled","scheduled_for":"2026-12-02T10:10:00Z","scheduled_until":"soon"}]}""")]
    [InlineData("duplicate", """{"status":{"indicator":"major","indicator":"none"},"scheduled_maintenances":[]}""")]
    public async Task AStatuspageAnswerItCannotReadUnambiguouslyIsInvalidResponse(string name, string body)
    {
        var check = await RunDirectAsync("statuspage", body);

        Assert.True((check.Status(), check.Reason()) == ("Unhealthy", "invalid_response"), $"{name}: {check}");
    }

    [Theory]
    [InlineData("binance", "/sapi/v1/system/status", """{"status":0,"msg":"normal"}""")]
    [InlineData("kraken", "/0/public/SystemStatus", null)] // stamped now, on the service's own clock
    [InlineData("statuspage", "/api/v2/summary.json", """{"page":{"name":"Example Exchange"},"status":{"indicator":"none","description":"All Systems Operational"},"components":[],"incidents":[],"scheduled_maintenances":[]}""")]
    public async Task EachFormatIsReadThroughTheService(string format, string path, string? body)
    {
        _standIn.Respond($"/service/{format}{path}", 200, body ?? Kraken("online", DateTimeOffset.UtcNow));

        var check = await RunAsync(("Format", format), ("Url", _standIn.Url($"/service/{format}{path}")));

        Assert.Equal(("Healthy", "ok"), (check.Status(), check.Reason()));
        Assert.Equal(format, check.Data("format").GetString());
    }

    [Fact]
    public async Task ANon2xxStatusIsUnexpectedStatus()
    {
        _standIn.Respond("/service/down/sapi/v1/system/status", 503, """{"status":0,"msg":"normal"}""");

        var check = await RunAsync(("Format", "binance"), ("Url", _standIn.Url("/service/down/sapi/v1/system/status")));

        Assert.Equal(("Unhealthy", "unexpected_status"), (check.Status(), check.Reason()));
    }

    [Fact]
    public async Task ASecretInTheUrlNeverReachesTheAnswer()
    {
        var url = $"http://desk:s3cr3t-venue-token@127.0.0.1:{FreePort.Next()}/0/public/SystemStatus";

        var check = await RunAsync(("Format", "kraken"), ("Url", url));

        Assert.Equal(("Unhealthy", "unreachable"), (check.Status(), check.Reason()));
        Assert.DoesNotContain("s3cr3t-venue-token", check.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, "HealthGate:Checks:venue:Format: is required")]
    [InlineData("Format", "coinbase", "HealthGate:Checks:venue:Format: unknown venue format 'coinbase'")]
    [InlineData("Format", "1", "HealthGate:Checks:venue:Format: unknown venue format '1'")]
    [InlineData("Format", "kraken ", "HealthGate:Checks:venue:Format: unknown venue format")]
    [InlineData("Url", "0/public/SystemStatus", "HealthGate:Checks:venue:Url: must be an absolute http:// or https:// URL")]
    [InlineData("MaintenanceLeadMinutes", -1, "HealthGate:Checks:venue:MaintenanceLeadMinutes: must be between 0 and 1440")]
    [InlineData("MaintenanceLead", 10, "HealthGate:Checks:venue:MaintenanceLead: unknown key")]
    [InlineData("MaxStatusAgeSeconds", 0, "HealthGate:Checks:venue:MaxStatusAgeSeconds: must be between 1 and 86400")]
    [InlineData("MaxStatusAgeSeconds", 86401, "HealthGate:Checks:venue:MaxStatusAgeSeconds: must be between 1 and 86400")]
    [InlineData("Components:0", "Spot trading", "HealthGate:Checks:venue:Components: applies to Format statuspage only")]
    [InlineData("MaxStatusAge", 60, "HealthGate:Checks:venue:MaxStatusAge: unknown key")]
    public void BadConfigurationIsRefusedNamingTheKey(string? key, object? value, string expected)
    {
        var keys = new Dictionary<string, object?> { ["Format"] = "kraken", ["Url"] = "http://127.0.0.1/0/public/SystemStatus" };
        if (key is null)
        {
            keys.Remove("Format");
        }
        else
        {
            keys[key] = value;
        }

        var errors = CheckJson.ConfigErrors(Check("venue", "venue", "P1", [.. keys.Select(k => (k.Key, k.Value))]));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "must not contain empty or padded names")]
    [InlineData(" Spot trading", "must not contain empty or padded names")]
    [InlineData("Spot trading;Spot trading", "must not name an item twice")]
    public void AStatuspageComponentListWithAnEmptyPaddedOrRepeatedNameIsRefused(string names, string expected)
    {
        var keys = names.Split(';').Select((n, i) => ($"Components:{i}", (object?)n));

        var errors = CheckJson.ConfigErrors(Check("venue", "venue", "P1", [("Format", "statuspage"), ("Url", "http://127.0.0.1/api/v2/summary.json"), .. keys]));

        Assert.Contains($"HealthGate:Checks:venue:Components: {expected}", errors);
    }

    [Fact]
    public void AFormatIsMatchedIgnoringAsciiCaseOnly()
    {
        Assert.Empty(CheckJson.ConfigErrors(Check("venue", "venue", "P1", ("Format", "Kraken"), ("Url", "http://127.0.0.1/x"))));
        Assert.NotEmpty(CheckJson.ConfigErrors(Check("venue", "venue", "P1", ("Format", "KRAKEN\u200B"), ("Url", "http://127.0.0.1/x"))));
    }

    private Task<JsonElement> RunDirectAsync(string format, string body, int leadMinutes = 30) =>
        VenueAnswers.RunAsync(_standIn, format, body, o => o.MaintenanceLeadMinutes = leadMinutes);

    private static async Task<JsonElement> RunAsync(params (string Key, object? Value)[] keys)
    {
        await using var app = HealthGateApplication.With(Check("venue", "venue", "P1", keys));
        return await CheckJson.RunAsync(app, "venue");
    }
}
