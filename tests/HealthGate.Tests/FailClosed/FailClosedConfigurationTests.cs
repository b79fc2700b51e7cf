using HealthGate.Configuration;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// Configurations a person can write that would make the gate say GO over nothing, or over the wrong thing
/// (classes 1, 6 and 9): each is refused at start with exit code 78, one line naming the key, and no stack trace.
/// The files are written as text, so a duplicated property is what the service really reads.
/// </summary>
public sealed class FailClosedConfigurationTests
{
    private static readonly string Disk = $$"""{ "Type": "disk", "Tier": "P0", "Path": {{System.Text.Json.JsonSerializer.Serialize(Path.GetTempPath())}}, "MinFreeMb": 1 }""";

    private static string DiskOn(params string[] names) => $$"""{{Disk[..^2]}}, "DependsOn": {{System.Text.Json.JsonSerializer.Serialize(names)}} }""";

    private static string Risk(string extra = "") => $$"""{ "Type": "risk", "Tier": "P0", "Url": "http://127.0.0.1:9/risk"{{extra}} }""";

    private static readonly Dictionary<string, (string Json, string Key)> Rows = new()
    {
        ["1/no-checks"] = ("""{ "HealthGate": { } }""", "HealthGate:Checks: no check is configured"),
        ["1/every-check-disabled"] = ($$"""{ "HealthGate": { "Checks": { "disk": { "Type": "disk", "Tier": "P0", "Path": "/tmp", "Enabled": false } } } }""", "HealthGate:Checks: no check is configured"),
        ["1/misspelt-checks-section"] = ($$"""{ "HealthGate": { "Check": { "disk": {{Disk}} } } }""", "HealthGate:Check: unknown key"),
        ["1/mode-selects-nothing"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Modes": { "audit": { "Tiers": [ "P2" ] } } } }""", "HealthGate:Modes:audit:Tiers: selects no check"),
        ["1/live-selects-nothing"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Modes": { "live": { "Tiers": [ "P1" ] } } } }""", "HealthGate:Modes:live:Tiers: selects no check"),
        ["1/readiness-selects-nothing"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Readiness": { "Tiers": [ "P1" ] } } }""", "HealthGate:Readiness:Tiers: selects no check"),
        ["6/misspelt-auth-api-key"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Auth": { "ApiKey": { "ops": "k-1" } } } }""", "HealthGate:Auth:ApiKey: unknown key"),
        ["6/misspelt-readiness"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Readyness": { "PeriodSeconds": 1 } } }""", "HealthGate:Readyness: unknown key"),
        ["6/misspelt-mode-tiers"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Modes": { "paper": { "Tier": [ "P0" ] } } } }""", "HealthGate:Modes:paper:Tier: unknown key"),
        ["6/misspelt-storage-provider"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Storage": { "Provder": "postgres" } } }""", "HealthGate:Storage:Provder: unknown key"),
        ["6/misspelt-preflight-window"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Preflight": { "CoalesceWindow": 10000 } } }""", "HealthGate:Preflight:CoalesceWindow: unknown key"),
        ["6/empty-check-name"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "": {{Disk}} } } }""", "HealthGate:Checks:: a check needs a name"),
        ["6/empty-allowed-level"] = ($$"""{ "HealthGate": { "Checks": { "risk": {{Risk(", \"AllowedLevels\": [ \"NORMAL\", \"\" ]")}} } } }""", "HealthGate:Checks:risk:AllowedLevels:1:"),
        ["6/empty-blocking-level"] = ($$"""{ "HealthGate": { "Checks": { "risk": {{Risk(", \"BlockingLevels\": [ \"\" ]")}} } } }""", "HealthGate:Checks:risk:BlockingLevels:0:"),
        ["6/critical-allowed"] = ($$"""{ "HealthGate": { "Checks": { "risk": {{Risk(", \"AllowedLevels\": [ \"NORMAL\", \"critical\" ]")}} } } }""", "HealthGate:Checks:risk:AllowedLevels: 'critical' is a blocking level"),
        ["6/critical-degraded"] = ($$"""{ "HealthGate": { "Checks": { "risk": {{Risk(", \"DegradedLevels\": [ \"Critical\" ]")}} } } }""", "HealthGate:Checks:risk:DegradedLevels: 'Critical' is a blocking level"),
        ["6/blocking-level-allowed"] = ($$"""{ "HealthGate": { "Checks": { "risk": {{Risk(", \"BlockingLevels\": [ \"HALTED\" ], \"AllowedLevels\": [ \"NORMAL\", \"halted\" ]")}} } } }""", "HealthGate:Checks:risk:AllowedLevels: 'halted' is a blocking level"),
        ["6/degraded-and-allowed"] = ($$"""{ "HealthGate": { "Checks": { "risk": {{Risk(", \"DegradedLevels\": [ \"NORMAL\" ]")}} } } }""", "HealthGate:Checks:risk:DegradedLevels: 'NORMAL' is also in AllowedLevels"),
        ["6/empty-level-pointer"] = ($$"""{ "HealthGate": { "Checks": { "risk": {{Risk(", \"LevelPointer\": \"\"")}} } } }""", "HealthGate:Checks:risk:LevelPointer:"),
        ["6/empty-ess-pointer"] = ($$"""{ "HealthGate": { "Checks": { "risk": {{Risk(", \"EssActivePointer\": \"\"")}} } } }""", "HealthGate:Checks:risk:EssActivePointer:"),
        ["6/duplicated-property"] = ($$"""{ "HealthGate": { "Checks": { "risk": { "Type": "risk", "Tier": "P0", "Url": "http://127.0.0.1:9/a", "Url": "http://127.0.0.1:9/b" } } } }""", "HealthGate:Checks:risk:Url"),
        ["6/duplicated-check-in-other-case"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "DISK": {{Disk}} } } }""", "HealthGate:Checks:DISK"),
        ["6/time-samples-out-of-range"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "x": { "Type": "exchange", "Tier": "P1", "PingUrl": "http://127.0.0.1:9/", "TimeUrl": "http://127.0.0.1:9/t", "TimeSamples": 9 } } } }""", "HealthGate:Checks:x:TimeSamples:"),
        ["6/alerting-requires-no-alert"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "alerts": { "Type": "alerting", "Tier": "P1", "Url": "http://127.0.0.1:9/" } } } }""", "HealthGate:Checks:alerts:RequiredAlerts: list the alert rules"),
        ["6/dashboard-uid-with-a-slash"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "grafana": { "Type": "dashboard", "Tier": "P2", "Url": "http://127.0.0.1:9/", "Token": "t-1", "RequiredDashboards": [ "../admin" ] } } } }""", "HealthGate:Checks:grafana:RequiredDashboards: a Grafana uid"),
        ["6/venue-unknown-format"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "v": { "Type": "venue", "Tier": "P1", "Format": "coinbase", "Url": "http://127.0.0.1:9/status" } } } }""", "HealthGate:Checks:v:Format: unknown venue format 'coinbase'"),
        ["6/weight-percent-without-limit"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "x": { "Type": "exchange", "Tier": "P1", "PingUrl": "http://127.0.0.1:9/", "MaxUsedWeightPercent": 50 } } } }""", "HealthGate:Checks:x:WeightLimit: is required when"),
        ["6/session-unknown-zone"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "s": { "Type": "session", "Tier": "P1", "TimeZone": "Europe/Londn", "Windows": [ { "Days": [ "Mon" ], "From": "08:00", "To": "16:30" } ] } } } }""", "HealthGate:Checks:s:TimeZone: unknown time zone 'Europe/Londn'"),
        ["6/session-no-windows"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "s": { "Type": "session", "Tier": "P1", "TimeZone": "Europe/London", "Windows": [ ] } } } }""", "HealthGate:Checks:s:Windows: must list at least one window"),
        ["6/session-blackout-without-offset"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "s": { "Type": "session", "Tier": "P1", "TimeZone": "Europe/London", "Windows": [ { "Days": [ "Mon" ], "From": "08:00", "To": "16:30" } ], "Blackouts": [ { "From": "2026-12-24T12:00:00", "To": "2026-12-29T00:00:00Z", "Reason": "Christmas" } ] } } } }""", "HealthGate:Checks:s:Blackouts:0:From: must be an ISO 8601 instant"),
        ["6/nested-unknown-key-in-check"] = ($$"""{ "HealthGate": { "Checks": { "disk": { "Type": "disk", "Tier": "P0", "Path": "/tmp", "Tags": { "team": "x" } } } } }""", "HealthGate:Checks:disk:Tags:team: expects a list"),
        ["6/depends-on-unknown"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "api": {{DiskOn("dsk")}} } } }""", "HealthGate:Checks:api:DependsOn: unknown check 'dsk'"),
        ["6/depends-on-itself"] = ($$"""{ "HealthGate": { "Checks": { "api": {{DiskOn("api")}} } } }""", "HealthGate:Checks:api:DependsOn: 'api' is the check itself"),
        ["6/depends-on-cycle-of-three"] = ($$"""{ "HealthGate": { "Checks": { "a": {{DiskOn("b")}}, "b": {{DiskOn("c")}}, "c": {{DiskOn("a")}} } } }""", "HealthGate:Checks:a:DependsOn: forms a cycle: a -> b -> c -> a"),
        ["6/depends-on-listed-twice"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}}, "api": {{DiskOn("disk", "DISK")}} } } }""", "HealthGate:Checks:api:DependsOn: 'DISK' is listed more than once"),
        ["6/depends-on-disabled"] = ($$"""{ "HealthGate": { "Checks": { "disk": { "Type": "disk", "Tier": "P0", "Path": "/tmp", "Enabled": false }, "api": {{DiskOn("disk")}} } } }""", "HealthGate:Checks:api:DependsOn: 'disk' is disabled"),
        ["6/clock-max-error-zero"] = ($$"""{ "HealthGate": { "Checks": { "host-clock": { "Type": "clock", "Tier": "P0", "MaxErrorMs": 0 } } } }""", "HealthGate:Checks:host-clock:MaxErrorMs: must be greater than 0"),
        ["6/rabbitmq-not-an-amqp-uri"] = ($$"""{ "HealthGate": { "Checks": { "broker": { "Type": "rabbitmq", "Tier": "P0", "ConnectionString": "host=127.0.0.1;password=Very-Secret-77" } } } }""", "HealthGate:Checks:broker:ConnectionString: must be an AMQP URI"),
        ["6/nats-not-a-nats-url"] = ($$"""{ "HealthGate": { "Checks": { "bus": { "Type": "nats", "Tier": "P0", "Url": "http://gate:Very-Secret-77@127.0.0.1:4222" } } } }""", "HealthGate:Checks:bus:Url: must be one absolute nats:// or tls:// URL"),
        ["9/postgres-store-unreachable"] = ($$"""{ "HealthGate": { "Checks": { "disk": {{Disk}} }, "Storage": { "Provider": "postgres", "ConnectionString": "Host=127.0.0.1;Port={{FreePort.Next()}};Username=gate;Password=Very-Secret-77;Timeout=2" } } }""", "HealthGate:Storage: cannot prepare the postgres store"),
    };

    public static TheoryData<string> Cases => [.. Rows.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ABadConfigurationIsRefusedAtStartNamingTheKeyWithoutAStackTrace(string row)
    {
        var (json, key) = Rows[row];
        using var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "desk.json");
        await File.WriteAllTextAsync(config, json);

        await using var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config });
        await service.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(StartupFailure.ConfigurationExitCode, service.ExitCode);
        Assert.Contains(key, service.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)^\s+at \S", service.Output);
        Assert.DoesNotContain("Very-Secret-77", service.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AListenAddressInUseStopsTheStartWithOneLineAndNoStackTrace()
    {
        using var directory = new TempDirectory();
        var config = directory.WriteConfig(new { HealthGate = new { Checks = new { disk = TempDirectory.BaselineCheck } } });
        await using var first = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config });
        await first.WaitUntilServingAsync();

        // A store of its own, so the start gets as far as the address (on the first one's store it would be refused before).
        await using var second = ServiceProcess.Start(new() { WorkingDirectory = directory.Subdirectory("second"), ConfigFile = config, Urls = first.BaseUrl });
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var output = second.Output;

        Assert.Equal(StartupFailure.OtherFailureExitCode, exitCode);
        Assert.Contains("address already in use", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(?m)^\s+at \S", output);
        Assert.DoesNotContain("\\n   at ", output, StringComparison.Ordinal);
    }
}
