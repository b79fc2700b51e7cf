using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGate.Tests.Infrastructure;

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

    /// <summary>Starts HealthGate.dll with the shipped appsettings and a desk file of one stand-in check, runs a preflight, returns stdout once the request is logged.</summary>
    private async Task<IReadOnlyList<string>> RunServiceAsync(string environment, string path, string requestLogged)
    {
        _standIn.Respond($"/{path}", 200, "ok");
        var root = Directory.CreateTempSubdirectory("healthgate-serilog-").FullName;
        try
        {
            // The shipped appsettings.json beside the binary applies as it is; the desk file brings the one check.
            var desk = new JsonObject { ["HealthGate"] = new JsonObject { ["Checks"] = new JsonObject { ["web"] = new JsonObject { ["Type"] = "http", ["Tier"] = "P0", ["Url"] = _standIn.Url($"/{path}") } } } };
            await File.WriteAllTextAsync(Path.Combine(root, "desk.json"), desk.ToJsonString());

            var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
            var lines = new ConcurrentQueue<string>();
            using var process = Start(environment, root, port, lines);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await ProcessRunner.WaitUntilAsync(() => Task.FromResult(process.HasExited || lines.Any(l => l.Contains("Now listening", StringComparison.Ordinal))), TimeSpan.FromSeconds(60), "HealthGate listening");
                Assert.False(process.HasExited, string.Join('\n', lines));
                var response = await http.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                await ProcessRunner.WaitUntilAsync(() => Task.FromResult(lines.Any(l => l.Contains(requestLogged, StringComparison.Ordinal))), TimeSpan.FromSeconds(30), "the request logged");
                return [.. lines];
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static Process Start(string environment, string root, string port, ConcurrentQueue<string> lines)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : Binaries.Find("dotnet", "dotnet-sdk-10.0");
        var info = new ProcessStartInfo(dotnet, [Path.Combine(AppContext.BaseDirectory, "HealthGate.Service.dll"), "--urls", $"http://127.0.0.1:{port}", "--config", Path.Combine(root, "desk.json")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment.Remove("DOTNET_ENVIRONMENT");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                lines.Enqueue("stderr: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
