using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Preflight;

/// <summary>
/// The acceptance rules against the real service (in-process on a loopback port, behind a proxy that records what the
/// CLI asked): a real GO carries everything they need, is accepted, and is read back from the gate's history.
/// </summary>
public sealed class RealGateAcceptanceTests(RealGateFixture gate) : IClassFixture<RealGateFixture>, IDisposable
{
    private static readonly string[] CountFields = ["total", "healthy", "degraded", "unhealthy"];

    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task ARealPassIsAcceptedAfterItsRunIsReadBackFromTheGate()
    {
        gate.Answer(p0: 200, p1: 200, p2: 200);
        await using var proxy = await RecordingProxy.StartAsync(gate.Url);

        var result = await RunAsync(proxy.Url, "--json");

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}: {result.Error}");
        var runId = JsonDocument.Parse(result.Out).RootElement.GetProperty("runId").GetString();
        Assert.Equal([("/preflight?mode=live", 200), ($"/preflight/runs/{runId}", 200)], proxy.Exchanges);
    }

    [Fact]
    public async Task ARealP2WarnIsReadBackTooAndExits3()
    {
        gate.Answer(p0: 200, p1: 200, p2: 500);
        await using var proxy = await RecordingProxy.StartAsync(gate.Url);

        var result = await RunAsync(proxy.Url);

        Assert.True(result.ExitCode == 3, $"exit code {result.ExitCode}: {result.Error}");
        Assert.Contains("recorded by the gate (read back)", result.Out, StringComparison.Ordinal);
        Assert.Equal(2, proxy.Exchanges.Count);
        Assert.StartsWith("/preflight/runs/", proxy.Exchanges[1].PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARealNoGoStopsTheLaunchWithoutAReadBack()
    {
        gate.Answer(p0: 200, p1: 500, p2: 200);
        await using var proxy = await RecordingProxy.StartAsync(gate.Url);

        var result = await RunAsync(proxy.Url);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([("/preflight?mode=live", 503)], proxy.Exchanges);
    }

    [Fact]
    public async Task TheRealGateGivesEveryFieldAGoNeedsInItsAnswerAndInItsHistory()
    {
        gate.Answer(p0: 200, p1: 200, p2: 200);
        using var client = new HttpClient { BaseAddress = new Uri(gate.Url + "/") };
        var sent = DateTimeOffset.UtcNow;

        var answered = JsonDocument.Parse(await client.GetStringAsync(new Uri("preflight?mode=live", UriKind.Relative))).RootElement;
        var received = DateTimeOffset.UtcNow;
        var runId = answered.GetProperty("runId").GetString();
        var recorded = JsonDocument.Parse(await client.GetStringAsync(new Uri($"preflight/runs/{runId}", UriKind.Relative))).RootElement;

        foreach (var run in new[] { answered, recorded })
        {
            var started = run.GetProperty("startedAt").GetDateTimeOffset();
            var expires = run.GetProperty("expiresAt").GetDateTimeOffset();
            Assert.InRange(started, sent.AddMilliseconds(-1), received);
            Assert.Equal(TimeSpan.FromSeconds(60), expires - started);
            Assert.Matches("^[0-9a-f]{16}$", run.GetProperty("configHash").GetString());
            var summary = run.GetProperty("summary");
            Assert.Equal([3, 3, 0, 0], CountFields.Select(f => summary.GetProperty(f).GetInt32()));
            Assert.Equal(3, run.GetProperty("checks").GetArrayLength());
        }

        foreach (var field in new[] { "runId", "mode", "verdict", "configHash", "startedAt", "expiresAt" })
        {
            Assert.Equal(answered.GetProperty(field).GetString(), recorded.GetProperty(field).GetString());
        }
    }

    [Fact]
    public async Task ExpectConfigHashAcceptsTheRealGatesOwnConfigurationAndRefusesAnother()
    {
        gate.Answer(p0: 200, p1: 200, p2: 200);
        var first = await RunAsync(gate.Url, "--json");
        var hash = JsonDocument.Parse(first.Out).RootElement.GetProperty("configHash").GetString()!;

        var same = await RunAsync(gate.Url, "--expect-config-hash", hash);
        var other = await RunAsync(gate.Url, "--expect-config-hash", "0000000000000000");

        Assert.True(same.ExitCode == 0, $"exit code {same.ExitCode}: {same.Error}");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains($"configHash '{hash}' is not the expected '0000000000000000' (--expect-config-hash)", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGateWhoseClockIsOffBeyondTheToleranceIsRefused()
    {
        gate.Answer(p0: 200, p1: 200, p2: 200);
        var launcherClock = new ManualClock(DateTimeOffset.UtcNow.AddSeconds(-30));

        var result = await new CliRun { Time = launcherClock }.RunAsync(["preflight", "--mode", "live", "--url", gate.Url, "--report-dir", _reports.Path]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("after the answer arrived", result.Error, StringComparison.Ordinal);
        Assert.Contains("not a run of this request", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(string url, params string[] extra) =>
        new CliRun().RunAsync(["preflight", "--mode", "live", "--url", url, "--report-dir", _reports.Path, "--non-interactive", "--yes", .. extra]);
}
