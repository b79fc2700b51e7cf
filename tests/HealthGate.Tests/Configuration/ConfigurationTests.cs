using HealthGate.Auth;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Health;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Configuration.StartupValidation;

namespace HealthGate.Tests.Configuration;

/// <summary>Bad configuration stops the service at start, naming every bad key.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void EveryBadKeyIsNamedInOneStartupFailure()
    {
        var failures = StartupFailures([
            .. Check("nourl", "http", "P0"),
            .. Check("badtier", "http", "P7", ("Url", "http://127.0.0.1:1/")),
            .. Check("weird", "carrier-pigeon", "P0"),
            .. Check("notype", "", "P0"),
            .. Check("badtimeout", "redis", "P0", ("ConnectionString", "127.0.0.1:1"), ("TimeoutMs", 0)),
            .. Check("typo", "disk", "P2", ("Path", "."), ("MinFreeMB2", 5)),
            ("Modes:live:Tiers:0", "P9"),
            ("Readiness:PeriodSeconds", 0),
        ]);

        Assert.Contains(failures, f => f.StartsWith("HealthGate:Checks:nourl:Url:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Checks:badtier:Tier:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Checks:weird:Type:", StringComparison.Ordinal) && f.Contains("carrier-pigeon", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Checks:notype:Type:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Checks:badtimeout:TimeoutMs:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Checks:typo", StringComparison.Ordinal) && f.Contains("MinFreeMB2", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Modes:live:Tiers:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HealthGate:Readiness:PeriodSeconds:", StringComparison.Ordinal));
    }

    [Fact]
    public void NameRegisteredInCodeAndConfigurationIsADuplicate()
    {
        var failures = StartupFailures(
            [.. Check("disk", "disk", "P2", ("Path", "."))],
            s => s.AddHealthChecks().AddCheck("Disk", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: ["P2"]));

        Assert.Contains(failures, f => f.StartsWith("HealthGate:Checks:disk:", StringComparison.Ordinal) && f.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void DisabledCheckIsNotRegistered()
    {
        using var app = HealthGateApplication.With([.. Check("off", "http", "P0", ("Url", "http://127.0.0.1:1/"), ("Enabled", false))]);

        var registrations = app.Services.GetRequiredService<IOptions<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckServiceOptions>>().Value.Registrations;

        Assert.DoesNotContain(registrations, r => r.Name == "off");
    }

    [Fact]
    public async Task ServiceProcessRefusesBadConfigFileWithExitCode78AndNoStackTrace()
    {
        var config = Path.Combine(Path.GetTempPath(), $"healthgate-bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, """
            { "HealthGate": { "Checks": {
                "redis": { "Type": "redis", "Tier": "P0", "ConnectionString": "" },
                "risk":  { "Type": "risk", "Tier": "PX", "Url": "not a url" } } } }
            """);
        try
        {
            var (exitCode, output) = await RunServiceAsync(config);

            Assert.Equal(78, exitCode);
            Assert.Contains("HealthGate:Checks:redis:ConnectionString", output, StringComparison.Ordinal);
            Assert.Contains("HealthGate:Checks:risk:Tier", output, StringComparison.Ordinal);
            Assert.Contains("HealthGate:Checks:risk:Url", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public async Task MissingConfigFileIsNamedAtStart()
    {
        var (exitCode, output) = await RunServiceAsync("/nonexistent/healthgate.json");

        Assert.Equal(78, exitCode);
        Assert.Contains("/nonexistent/healthgate.json", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunServiceAsync(string configFile)
    {
        await using var service = ServiceProcess.Start(new() { ConfigFile = configFile });
        var exitCode = await service.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, service.Output);
    }
}
