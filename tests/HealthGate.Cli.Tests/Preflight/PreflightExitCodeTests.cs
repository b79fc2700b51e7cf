using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Preflight;

/// <summary>healthgate preflight against the real service, a separate process on a real port: the exit code is the verdict's.</summary>
public sealed class PreflightExitCodeTests(RealGateFixture gate) : IClassFixture<RealGateFixture>, IDisposable
{
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task PassExitsWith0AndShowsTheTableThenTheGreenBanner()
    {
        gate.Answer(p0: 200, p1: 200, p2: 200);

        var result = await RunAsync("live");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ core\s+│ P0\s+│ PASS\s+│\s+[\d.]+ ms │ ok\s+│ HTTP 200", result.Out);
        Assert.Matches(@"│ execution-ready\s+│ P1\s+│ PASS\s+│", result.Out);
        Assert.Contains("PASS — health checks passed", result.Out, StringComparison.Ordinal);
        Assert.True(result.Out.IndexOf("│ core", StringComparison.Ordinal) < result.Out.IndexOf("PASS — health", StringComparison.Ordinal), "the table comes before the banner");
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task P0FailExitsWith1AndSaysThereIsNoOverride()
    {
        gate.Answer(p0: 500, p1: 500, p2: 200);

        var result = await RunAsync("live");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"│ core\s+│ P0\s+│ FAIL\s+│ .* ms │ unexpected_status", result.Out);
        Assert.Contains("P0 FAILURE — LAUNCH ABORTED", result.Out, StringComparison.Ordinal);
        Assert.Contains("no override", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P1FailExitsWith2AndExplainsTheOverride()
    {
        gate.Answer(p0: 200, p1: 503, p2: 200);

        var result = await RunAsync("live");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("P1 FAILURE", result.Out, StringComparison.Ordinal);
        Assert.Contains("LAUNCH ABORTED", result.Out, StringComparison.Ordinal);
        Assert.Contains("FAIL execution-ready (P1, unexpected_status)", result.Out, StringComparison.Ordinal);
        Assert.Contains("--force-start", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task P2WarnExitsWith3AndProceeds()
    {
        gate.Answer(p0: 200, p1: 200, p2: 404);

        var result = await RunAsync("live");

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"│ reports-disk\s+│ P2\s+│ FAIL", result.Out);
        Assert.Contains("P2 WARN — non-critical warnings, proceeding", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaperModeGetsThePaperSubsetOfTheGate()
    {
        gate.Answer(p0: 200, p1: 500, p2: 500);

        var result = await RunAsync("paper");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("execution-ready", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonPrintsThePreflightJsonAndNothingElse()
    {
        gate.Answer(p0: 200, p1: 500, p2: 200);

        var result = await RunAsync("live", "--json");

        Assert.Equal(2, result.ExitCode);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("P1_FAIL", json.GetProperty("verdict").GetString());
        Assert.Equal(2, json.GetProperty("exitCode").GetInt32());
        Assert.Equal(3, json.GetProperty("checks").GetArrayLength());
        Assert.Equal("", result.Error);
        Assert.Single(_reports.Reports());
    }

    [Fact]
    public async Task UnknownModeAbortsWith1WithTheGatesExplanation()
    {
        var result = await RunAsync("yolo");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches("^healthgate: ABORT — the gate answered HTTP 400: .*yolo.*\n$", result.Error);
        Assert.Empty(_reports.Reports());
    }

    [Fact]
    public async Task GateSlowerThanTheTimeoutAbortsWith1()
    {
        gate.Answer(p0: 200, p1: 200, p2: 200);
        gate.StandIn.Hang("/p0");

        var clock = new TimeoutClock();

        var running = new CliRun { Time = clock }.RunAsync(["preflight", "--mode", "paper", "--url", gate.Url, "--report-dir", _reports.Path, "--timeout", "1"]);
        await clock.ArmedAsync();
        clock.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(100); // a grace for a premature abort to show: nothing to poll for a thing that must not happen
        Assert.False(running.IsCompleted, "the CLI gave up before its 1 s timeout");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"healthgate: ABORT — the gate at {gate.Url} did not answer within 1 s\n", result.Error);
        Assert.Empty(_reports.Reports());

        // The gate shares a run in flight with later requests: let the hanging one finish before the next test.
        gate.Answer(p0: 200, p1: 200, p2: 200);
        using var client = new HttpClient();
        await ProcessRunner.WaitUntilAsync(
            async () => (await client.GetAsync(new Uri(gate.Url + "/preflight?mode=paper"))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30),
            "a passing paper preflight after the hang");
    }

    [Fact]
    public async Task TheReportHoldsVerdictRunIdAndEveryCheck()
    {
        gate.Answer(p0: 200, p1: 500, p2: 200);

        var result = await RunAsync("live", "--json");

        var runId = JsonDocument.Parse(result.Out).RootElement.GetProperty("runId").GetString()!;
        var file = Assert.Single(_reports.Reports());
        Assert.Matches(@"^PREFLIGHT_LIVE_\d{8}_\d{6}\.md$", Path.GetFileName(file));
        var report = await File.ReadAllTextAsync(file);
        Assert.Contains("| Verdict | **P1_FAIL** (exit code 2) |", report, StringComparison.Ordinal);
        Assert.Contains($"| Run id | `{runId}` |", report, StringComparison.Ordinal);
        Assert.Contains("| Config hash |", report, StringComparison.Ordinal);
        Assert.Matches(@"\| core \| P0 \| http \| PASS \| [\d.]+ ms \| ok \|", report);
        Assert.Matches(@"\| execution-ready \| P1 \| http \| FAIL \| [\d.]+ ms \| unexpected_status \|", report);
    }

    [Fact]
    public async Task ACheckBlockedByAFailedDependencyShowsItsRootCauseAndTheExitCodeStaysTheVerdicts()
    {
        gate.Answer(p0: 500, p1: 500, p2: 200);

        var result = await RunAsync("live");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"│ execution-ready\s+│ P1\s+│ FAIL \(blocked by core\)\s+│", result.Out);
        Assert.Matches(@"│ core\s+│ P0\s+│ FAIL\s+│", result.Out);
        Assert.Contains("P0 FAILURE — LAUNCH ABORTED", result.Out, StringComparison.Ordinal);
        var report = await File.ReadAllTextAsync(Assert.Single(_reports.Reports()));
        Assert.Matches(@"\| execution-ready \| P1 \| http \| FAIL \(blocked by core\) \| [\d.]+ ms \| unexpected_status \|", report);
        Assert.True(report.IndexOf("| core |", StringComparison.Ordinal) < report.IndexOf("| execution-ready |", StringComparison.Ordinal), "the root cause comes first");
    }

    private Task<CliResult> RunAsync(string mode, params string[] extra) =>
        new CliRun().RunAsync(["preflight", "--mode", mode, "--url", gate.Url, "--report-dir", _reports.Path, "--timeout", "20", "--non-interactive", "--yes", .. extra]);
}
