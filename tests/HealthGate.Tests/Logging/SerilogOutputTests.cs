using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
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

    /// <summary>
    /// The README's run command, <c>dotnet run --project src/HealthGate</c>, picks the launch profile, which sets
    /// Development: a person at a terminal reads text. The published binary and the image have no launch profile, so
    /// they run as Production and write JSON (the test above).
    /// </summary>
    [Fact]
    public async Task TheReadmeRunCommandWritesReadableText()
    {
        using var directory = new TempDirectory();
        var desk = directory.WriteConfig(new { HealthGate = new { Checks = new { disk = TempDirectory.BaselineCheck } } }, "desk.json");
        var info = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = directory.Path,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] args = ["run", "--project", RepoRoot.File("src/HealthGate"), "--no-build", "-c", Configuration, "--", "--config", desk, "--urls", $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}"];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only the launch profile may choose the environment here, not the test runner's.
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        var lines = new ConcurrentQueue<string>();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            // The host's lifetime names the environment after "Now listening" and "Application started": wait for that line.
            while (!lines.Any(l => l.Contains("Hosting environment:", StringComparison.Ordinal)) && !process.HasExited)
            {
                await Task.Delay(100, timeout.Token);
            }

            var output = string.Join('\n', lines);
            Assert.Contains(lines, l => l.Contains("Hosting environment: Development", StringComparison.Ordinal));
            // dotnet run names the profile it took on its own line; every other line is the service's.
            Assert.Contains(lines, l => l.StartsWith("Using launch settings from ", StringComparison.Ordinal));
            Assert.All(lines.Where(l => l.Length > 0 && !l.StartsWith("Using launch settings from ", StringComparison.Ordinal)), line => Assert.Matches(@"^\[\d\d:\d\d:\d\d\.\d{3} (VRB|DBG|INF|WRN|ERR|FTL)\] ", line));
            Assert.DoesNotContain("\"@t\"", output, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

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
