namespace HealthGate.Tests.Checks;

/// <summary>
/// The real service process refuses to start when a check lacks its required key, and names the key. In-process
/// (WebApplicationFactory) the validation failure is caught by Program's start-up handler and never reaches the test.
/// </summary>
public sealed class CheckConfigurationRefusalTests
{
    // One bad entry per check type: each lacks the key its type cannot work without.
    // The desk file defines the checks (the environment may not): each is missing its required keys.
    private const string BadChecks = """
        { "HealthGate": {
            "Checks": {
              "web": { "Type": "http", "Tier": "P1" },
              "risk": { "Type": "risk", "Tier": "P0" },
              "binance": { "Type": "exchange", "Tier": "P1", "TimeUrl": "http://127.0.0.1/api/v3/time" },
              "backend-metrics": { "Type": "prometheus", "Tier": "P1" },
              "stress-scenarios": { "Type": "scenarios", "Tier": "P1", "Expected": [ "flash_crash" ] },
              "reports-disk": { "Type": "disk", "Tier": "P2" },
              "alerts": { "Type": "alerting", "Tier": "P1", "RequiredAlerts": [ "HealthGateNotReady" ] },
              "grafana": { "Type": "dashboard", "Tier": "P2", "Url": "http://127.0.0.1:3000", "RequiredDashboards": [ "healthgate" ] },
              "venue": { "Type": "venue", "Tier": "P1" },
              "session": { "Type": "session", "Tier": "P1", "Windows": [ { "Days": [ "Mon" ], "From": "08:00", "To": "16:30" } ] },
              "broker": { "Type": "rabbitmq", "Tier": "P1" },
              "bus": { "Type": "nats", "Tier": "P1" }
            },
            "Modes": { "live": { "Tiers": [ "P0" ] } },
            "Readiness": { "Tiers": [ "P0" ], "PeriodSeconds": 10 } } }
        """;

    [Fact]
    public async Task TheServiceRefusesToStartWithExitCode78NamingEachMissingRequiredKey()
    {
        var (exitCode, stderr) = await RunServiceAsync(BadChecks);

        Assert.Equal(78, exitCode);
        foreach (var key in new[]
        {
            "HealthGate:Checks:web:Url",
            "HealthGate:Checks:risk:Url",
            "HealthGate:Checks:binance:PingUrl",
            "HealthGate:Checks:backend-metrics:Url",
            "HealthGate:Checks:stress-scenarios:Url",
            "HealthGate:Checks:reports-disk:Path",
            "HealthGate:Checks:alerts:Url",
            "HealthGate:Checks:grafana:Token",
            "HealthGate:Checks:venue:Format",
            "HealthGate:Checks:venue:Url",
            "HealthGate:Checks:session:TimeZone",
            "HealthGate:Checks:broker:ConnectionString",
            "HealthGate:Checks:bus:Url",
        })
        {
            Assert.Contains($"{key}: is required", stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stderr)> RunServiceAsync(string desk)
    {
        // The shipped appsettings.json beside the binary holds no check, so only the checks given here apply.
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "desk.json");
        await File.WriteAllTextAsync(file, desk);
        await using var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = file });
        try
        {
            return (await service.WaitForExitAsync(TimeSpan.FromSeconds(30)), service.StandardError);
        }
        catch (TimeoutException ex)
        {
            throw new Xunit.Sdk.XunitException($"it started despite the bad configuration. {ex.Message}");
        }
    }
}
