using System.Diagnostics;
using HealthGate.Overrides;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Metrics;

/// <summary>Prometheus's own linter over the real /metrics output.</summary>
public sealed class PromtoolTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task PromtoolCheckMetricsFindsTheRealExpositionClean()
    {
        _standIn.Respond("/promtool-ok", 200, "ok");
        _standIn.Respond("/promtool-down", 500, "boom");
        await using var app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", _standIn.Url("/promtool-ok"))),
            .. Check("integration", "http", "P1", ("Url", _standIn.Url("/promtool-down"))),
        ]);
        // A check registered in code may have any name: this one needs every label escape.
        var host = app.WithServices(services => services.AddHealthChecks()
            .AddCheck("odd \"quoted\" C:\\name\nnext", () => HealthCheckResult.Degraded("slow"), tags: ["P2", "custom"]));
        using var client = host.CreateClient();
        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        host.Services.GetRequiredService<OverrideMetrics>().Record("force_start", "live");
        var text = await Exposition.ScrapeAsync(client);

        var (exitCode, output) = await RunPromtoolAsync(text);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- input ---\n{text}");
        var odd = Exposition.Parse(text).Single(s => s.Name == "healthgate_check_status" && s.Labels["check"].StartsWith("odd", StringComparison.Ordinal));
        Assert.Equal("odd \"quoted\" C:\\name\nnext", odd.Labels["check"]);
        Assert.Equal(0.5, odd.Value);
    }

    [Fact]
    public async Task PromtoolFindsAFreshHostCleanBeforeAnyPreflight()
    {
        // Before the first preflight the verdict age is +Inf and the exit-code family has no sample yet.
        await using var app = HealthGateApplication.With([.. Check("later", "http", "P1", ("Url", _standIn.Url("/never-called")))]);
        using var client = app.CreateClient();
        var text = await Exposition.ScrapeAsync(client);

        var (exitCode, output) = await RunPromtoolAsync(text);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool check metrics exited {exitCode}:\n{output}\n--- input ---\n{text}");
        Assert.Equal(double.PositiveInfinity, Exposition.Parse(text).Value("healthgate_verdict_age_seconds", ("mode", "live")));
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string input)
    {
        var promtool = Binaries.Find("promtool", "prometheus");
        using var process = Process.Start(new ProcessStartInfo(promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
