using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Demo;

/// <summary>What scripts/demo.sh promises a newcomer: a green desk, and each printed fault turning it into the printed NO-GO.</summary>
public sealed class DemoDeskTests(DemoDesk desk) : IClassFixture<DemoDesk>
{
    private static readonly string[] DeskChecks =
        ["backend-metrics", "exchange", "execution-ready", "postgres", "redis", "reports-disk", "risk", "stress-scenarios", "venue"];

    [Fact]
    public async Task LivePreflightPassesWithEveryCheckTypeWhenNothingIsFlipped()
    {
        await desk.Backend.FlipAsync("reset");

        var run = await LivePreflight.RunAsync(desk.Gate.Client);

        Assert.True((run.Verdict, run.ExitCode) == ("PASS", 0), $"{run}");
        Assert.Equal(DeskChecks, run.Checks);
        Assert.Empty(run.NotHealthy);
    }

    [Theory]
    [InlineData("risk-level/CRITICAL", "P0_FAIL", "risk", "risk_critical")]
    [InlineData("risk-level/ELEVATED", "P2_WARN", "risk", "risk_elevated")]
    [InlineData("ess/on", "P0_FAIL", "risk", "ess_active")]
    [InlineData("skew/5000", "P1_FAIL", "exchange", "clock_skew")]
    [InlineData("skew/-5000", "P1_FAIL", "exchange", "clock_skew")]
    [InlineData("execution/down", "P1_FAIL", "execution-ready", "unexpected_status")]
    [InlineData("metrics/missing", "P1_FAIL", "backend-metrics", "missing_metrics")]
    [InlineData("venue/maintenance", "P1_FAIL", "venue", "venue_maintenance")]
    [InlineData("venue/cancel_only", "P1_FAIL", "venue", "venue_restricted")]
    [InlineData("venue/Online", "P1_FAIL", "venue", "invalid_response")]
    [InlineData("used-weight/5400", "P1_FAIL", "exchange", "rate_limit_headroom")]
    public async Task AFlippedFaultFailsExactlyTheCheckItFeedsAndResetMakesTheDeskGreen(string fault, string verdict, string check, string reason)
    {
        await desk.Backend.FlipAsync("reset");

        await desk.Backend.FlipAsync(fault);
        var failing = await LivePreflight.RunAsync(desk.Gate.Client);
        await desk.Backend.FlipAsync("reset");
        var reset = await LivePreflight.RunAsync(desk.Gate.Client);

        Assert.True(failing.Verdict == verdict && failing.NotHealthy.SequenceEqual([(check, reason)]), $"after {fault}: {failing}");
        Assert.True(reset.Verdict == "PASS", $"after reset: {reset}");
    }

    [Fact]
    public async Task ResetClearsEveryFaultAtOnce()
    {
        foreach (var fault in new[] { "risk-level/CRITICAL", "ess/on", "skew/5000", "execution/down", "metrics/missing", "venue/maintenance", "used-weight/5400" })
        {
            await desk.Backend.FlipAsync(fault);
        }

        var flipped = JsonNode.Parse(await desk.Backend.Client.GetStringAsync(new Uri("/faults", UriKind.Relative)))!;
        var failing = await LivePreflight.RunAsync(desk.Gate.Client);
        var state = JsonNode.Parse(await desk.Backend.FlipAsync("reset"))!;
        var reset = await LivePreflight.RunAsync(desk.Gate.Client);

        Assert.Equal("""{"riskLevel":"CRITICAL","essActive":true,"skewMs":5000,"executionDown":true,"metricsMissing":true,"venueStatus":"maintenance","usedWeight":5400}""", flipped.ToJsonString());
        Assert.Equal("P0_FAIL", failing.Verdict);
        Assert.Equal(["backend-metrics", "exchange", "execution-ready", "risk", "venue"], failing.NotHealthy.Select(n => n.Check).Order(StringComparer.Ordinal));
        Assert.Equal("""{"riskLevel":"NORMAL","essActive":false,"skewMs":0,"executionDown":false,"metricsMissing":false,"venueStatus":"online","usedWeight":12}""", state.ToJsonString());
        Assert.True(reset.Verdict == "PASS", $"after reset: {reset}");
    }

    [Fact]
    public async Task StoppingRedisIsAP0FailureReadinessSeesWithinAPeriodAndStartingItAgainIsGreen()
    {
        await desk.Backend.FlipAsync("reset");
        await desk.Redis.StopAsync();
        LivePreflight stopped;
        try
        {
            stopped = await LivePreflight.RunAsync(desk.Gate.Client);
            // The demo desk's readiness period is 2 s: the probe turns 503 within it plus a margin.
            await ProcessRunner.WaitUntilAsync(
                async () => (await desk.Gate.Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromSeconds(6),
                "/health/ready answering 503 with Redis stopped");
        }
        finally
        {
            await desk.Redis.StartAsync();
        }

        Assert.Equal("P0_FAIL", stopped.Verdict);
        Assert.Equal([("redis", "unreachable")], stopped.NotHealthy);
        await ProcessRunner.WaitUntilAsync(
            async () => (await LivePreflight.RunAsync(desk.Gate.Client)).Verdict == "PASS",
            TimeSpan.FromSeconds(20),
            "a PASS once Redis is back");
    }

    [Theory]
    [InlineData("/risk/state", 200)]
    [InlineData("/api/v3/ping", 200)]
    [InlineData("/api/v3/time", 200)]
    [InlineData("/0/public/SystemStatus", 200)]
    [InlineData("/metrics", 200)]
    [InlineData("/stress/scenarios", 200)]
    [InlineData("/health/ready", 200)]
    [InlineData("/faults", 200)]
    public async Task BackendAnswersWithItsContentLengthNeverChunked(string path, int status)
    {
        using var response = await desk.Backend.Client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task BackendServesTheScenariosTheSampleDeskExpects()
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(RepoRoot.File("samples/desk.json")))!;
        var expected = sample["HealthGate"]!["Checks"]!["stress-scenarios"]!["Expected"]!.AsArray().Select(n => n!.GetValue<string>());

        var served = JsonDocument.Parse(await desk.Backend.Client.GetStringAsync(new Uri("/stress/scenarios", UriKind.Relative))).RootElement
            .GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("name").GetString());

        Assert.Equal(expected.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ess/maybe")]
    [InlineData("execution/sideways")]
    [InlineData("metrics/some")]
    public async Task BackendRefusesAFaultStateItDoesNotKnow(string fault)
    {
        using var response = await desk.Backend.Client.PostAsync(new Uri($"/faults/{fault}", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
