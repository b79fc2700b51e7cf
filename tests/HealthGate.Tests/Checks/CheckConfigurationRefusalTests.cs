using System.Diagnostics;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The real service process refuses to start when a check lacks its required key, and names the key. In-process
/// (WebApplicationFactory) the validation failure is caught by Program's start-up handler and never reaches the test.
/// </summary>
public sealed class CheckConfigurationRefusalTests : IDisposable
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
        ["HealthGate__Modes__live__Tiers__0"] = "P0",
        ["HealthGate__Readiness__Tiers__0"] = "P0",
        ["HealthGate__Readiness__PeriodSeconds"] = "10",
    };

    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("healthgate-config-").FullName;

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

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
        })
        {
            Assert.Contains($"{key}: is required", stderr, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Stderr)> RunServiceAsync(Dictionary<string, string> environment)
    {
        // The shipped appsettings.json beside the binary holds no check, so only the checks given here apply.
        var info = new ProcessStartInfo(Binaries.Find("dotnet", "dotnet-sdk-10.0", "/usr/share/dotnet"))
        {
            WorkingDirectory = _workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HealthGate.Service.dll"));
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("HealthGate__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort.Next()}";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the service");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the service did not exit within 30 s; it started despite the bad configuration. {await stdout}");
        }

        return (process.ExitCode, await stderr);
    }
}
