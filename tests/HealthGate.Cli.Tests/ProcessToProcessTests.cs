using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests;

/// <summary>
/// Both shipped binaries as their own processes: the built healthgate against the service started as
/// <c>dotnet HealthGate.Service.dll</c>, so the two agree on the wire and on the exit code without sharing a process.
/// </summary>
public sealed class ProcessToProcessTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static readonly string[] LiveTiers = ["P0", "P1"];

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task TheBuiltCliExitsWithTheVerdictTheServiceProcessReached()
    {
        _standIn.Respond("/e2e/core", 200, "ok");
        _standIn.Respond("/e2e/feed", 503, "down");
        using var directory = new TempDirectory();
        var config = directory.WriteConfig(new
        {
            HealthGate = new
            {
                Checks = new Dictionary<string, object>
                {
                    ["core"] = new { Type = "http", Tier = "P0", Url = _standIn.Url("/e2e/core") },
                    ["feed"] = new { Type = "http", Tier = "P1", Url = _standIn.Url("/e2e/feed") },
                },
                Modes = new { live = new { Tiers = LiveTiers } },
            },
        });
        await using var service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });

        var (exitCode, stdout, stderr) = await CliProcess.RunRedirectedAsync(
            new Dictionary<string, string>(), "preflight", "--mode", "live", "--url", service.BaseUrl!, "--report-dir", Path.Combine(directory.Path, "reports"), "--json");

        Assert.True(exitCode == 2, $"exit code {exitCode}: {stderr}");
        var run = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("P1_FAIL", run.GetProperty("verdict").GetString());
        Assert.Equal("feed", Assert.Single(run.GetProperty("checks").EnumerateArray(), c => c.GetProperty("status").GetString() != "Healthy").GetProperty("name").GetString());
        Assert.Equal("", stderr);
    }
}
