using System.Text.Json;

namespace HealthGate.Tests.Logging;

/// <summary>
/// The built service as a real process with the shipped appsettings files: its standard output is JSON lines in
/// Production and readable text in Development, both configured only by the <c>Serilog</c> section.
/// </summary>
public sealed class SerilogOutputTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task ProductionWritesOneJsonObjectPerLine()
    {
        var lines = await RunServiceAsync("Production", "serilog-prod", "\"Id\":7020");

        // Compact JSON (CLEF): @t, @m and @i on every event, @l only when not Information, properties at the top level.
        Assert.All(lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            Assert.True(json.RootElement.TryGetProperty("@t", out _), line);
            Assert.True(json.RootElement.TryGetProperty("@m", out _), line);
        });
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(e => e.TryGetProperty("EventId", out _)).ToList();
        var request = events.Single(e => e.GetProperty("EventId").GetProperty("Id").GetInt32() == 7020);
        Assert.Equal("/preflight", request.GetProperty("Path").GetString());
        Assert.Equal(200, request.GetProperty("StatusCode").GetInt32());
        Assert.Equal("HealthGate", request.GetProperty("Application").GetString());
        Assert.StartsWith("HTTP GET /preflight?mode=paper responded 200 in ", request.GetProperty("@m").GetString(), StringComparison.Ordinal);
        var verdict = events.Single(e => e.GetProperty("EventId").GetProperty("Id").GetInt32() == 7010);
        Assert.Equal("PASS", verdict.GetProperty("Verdict").GetString());
    }

    [Fact]
    public async Task DevelopmentWritesReadableText()
    {
        var lines = await RunServiceAsync("Development", "serilog-dev", "responded 200");

        Assert.All(lines, line => Assert.Matches(@"^\[\d\d:\d\d:\d\d\.\d{3} (VRB|DBG|INF|WRN|ERR|FTL)\] ", line));
        Assert.Contains(lines, l => l.Contains("HTTP GET /preflight?mode=paper responded 200", StringComparison.Ordinal));
    }

    /// <summary>Starts the service with the shipped appsettings and a desk file of one stand-in check, runs a preflight, returns stdout once the request is logged.</summary>
    private async Task<IReadOnlyList<string>> RunServiceAsync(string environment, string path, string requestLogged)
    {
        _standIn.Respond($"/{path}", 200, "ok");
        using var directory = new TempDirectory();
        // The shipped appsettings.json beside the binary applies as it is; the desk file brings the one check.
        var desk = directory.WriteConfig(new { HealthGate = new { Checks = new { web = new { Type = "http", Tier = "P0", Url = _standIn.Url($"/{path}") } } } }, "desk.json");
        await using var service = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = desk, EnvironmentName = environment });

        await service.WaitForOutputAsync("Now listening");
        var response = await service.Client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        await service.WaitForOutputAsync(requestLogged);
        Assert.True(service.StandardError.Length == 0, service.StandardError);
        return [.. service.StandardOutputLines.Where(l => l.Length > 0)];
    }
}
