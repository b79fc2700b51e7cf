using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests;

/// <summary>
/// A GO end to end with both shipped binaries as their own processes: the service process's PASS carries everything
/// the built healthgate checks, and the CLI accepts it only after reading its run back from the service's history.
/// </summary>
public sealed class ProcessToProcessGoTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task TheBuiltCliAcceptsAPassFromTheServiceProcessAfterReadingItsRunBack()
    {
        _standIn.Respond("/go/core", 200, "ok");
        using var directory = new TempDirectory();
        var config = directory.WriteConfig(new
        {
            HealthGate = new { Checks = new Dictionary<string, object> { ["core"] = new { Type = "http", Tier = "P0", Url = _standIn.Url("/go/core") } } },
        });
        await using var service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });
        await using var proxy = await RecordingProxy.StartAsync(service.BaseUrl!);

        var (exitCode, stdout, stderr) = await CliProcess.RunRedirectedAsync(
            new Dictionary<string, string>(), "preflight", "--mode", "paper", "--url", proxy.Url, "--report-dir", Path.Combine(directory.Path, "reports"), "--json");

        Assert.True(exitCode == 0, $"exit code {exitCode}: {stderr}");
        var run = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("PASS", run.GetProperty("verdict").GetString());
        Assert.Equal([("/preflight?mode=paper", 200), ($"/preflight/runs/{run.GetProperty("runId").GetString()}", 200)], proxy.Exchanges);
        Assert.Equal("", stderr);
    }
}
