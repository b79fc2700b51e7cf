namespace HealthGate.Tests.Checks;

/// <summary>
/// The real service process refuses to start when a check lacks its required key, and names the key. In-process
/// (WebApplicationFactory) the validation failure is caught by Program's start-up handler and never reaches the test.
/// </summary>
public sealed class CheckConfigurationRefusalTests
{
    // One bad entry per check type: each lacks the key its type cannot work without.
    private static readonly Dictionary<string, string> BadChecks = new()
    {
        ["HealthGate__Checks__web__Type"] = "http",
        ["HealthGate__Checks__web__Tier"] = "P1",
        ["HealthGate__Checks__risk__Type"] = "risk",
        ["HealthGate__Checks__risk__Tier"] = "P0",
        ["HealthGate__Checks__binance__Type"] = "exchange",
        ["HealthGate__Checks__binance__Tier"] = "P1",
        ["HealthGate__Checks__binance__TimeUrl"] = "http://127.0.0.1/api/v3/time",
        ["HealthGate__Checks__backend-metrics__Type"] = "prometheus",
        ["HealthGate__Checks__backend-metrics__Tier"] = "P1",
        ["HealthGate__Checks__stress-scenarios__Type"] = "scenarios",
        ["HealthGate__Checks__stress-scenarios__Tier"] = "P1",
        ["HealthGate__Checks__stress-scenarios__Expected__0"] = "flash_crash",
        ["HealthGate__Checks__reports-disk__Type"] = "disk",
        ["HealthGate__Checks__reports-disk__Tier"] = "P2",
        ["HealthGate__Checks__alerts__Type"] = "alerting",
        ["HealthGate__Checks__alerts__Tier"] = "P1",
        ["HealthGate__Checks__alerts__RequiredAlerts__0"] = "HealthGateNotReady",
        ["HealthGate__Checks__grafana__Type"] = "dashboard",
        ["HealthGate__Checks__grafana__Tier"] = "P2",
        ["HealthGate__Checks__grafana__Url"] = "http://127.0.0.1:3000",
        ["HealthGate__Checks__grafana__RequiredDashboards__0"] = "healthgate",
        ["HealthGate__Checks__venue__Type"] = "venue",
        ["HealthGate__Checks__venue__Tier"] = "P1",
        ["HealthGate__Checks__session__Type"] = "session",
        ["HealthGate__Checks__session__Tier"] = "P1",
        ["HealthGate__Checks__session__Windows__0__Days__0"] = "Mon",
        ["HealthGate__Checks__session__Windows__0__From"] = "08:00",
        ["HealthGate__Checks__session__Windows__0__To"] = "16:30",
        ["HealthGate__Checks__broker__Type"] = "rabbitmq",
        ["HealthGate__Checks__broker__Tier"] = "P1",
        ["HealthGate__Checks__bus__Type"] = "nats",
        ["HealthGate__Checks__bus__Tier"] = "P1",
        ["HealthGate__Modes__live__Tiers__0"] = "P0",
        ["HealthGate__Readiness__Tiers__0"] = "P0",
        ["HealthGate__Readiness__PeriodSeconds"] = "10",
    };

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

    private static async Task<(int ExitCode, string Stderr)> RunServiceAsync(Dictionary<string, string> environment)
    {
        // The shipped appsettings.json beside the binary holds no check, so only the checks given here apply.
        await using var service = ServiceProcess.Start(new() { Environment = environment });
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
