using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Preflight;

/// <summary>Hard aborts: no usable verdict from the gate is exit code 1 with a one-line cause, never a guess.</summary>
public sealed class GateAbortTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task DeadGateAbortsWith1Quickly()
    {
        // The clock never moves: the abort comes from the refused connection, never from the 30 s timeout.
        var result = await new CliRun { Time = new TimeoutClock() }
            .RunAsync(["preflight", "--mode", "live", "--url", $"http://127.0.0.1:{FreePort.Next()}", "--report-dir", _reports.Path, "--timeout", "30"])
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "is unreachable");
    }

    [Fact]
    public async Task SilentGateAbortsWith1WithinTheTimeout()
    {
        _gate.HangPreflight();
        var clock = new TimeoutClock();

        var running = new CliRun { Time = clock }.RunAsync(["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--timeout", "2"]);
        await clock.ArmedAsync();
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(100); // a grace for a premature abort to show: nothing to poll for a thing that must not happen
        Assert.False(running.IsCompleted, "the CLI gave up before its 2 s timeout");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "did not answer within 2 s");
    }

    [Fact]
    public async Task NonJsonAnswerAbortsWith1()
    {
        _gate.AnswerPreflight(200, "<html><body>Welcome to nginx!</body></html>", "text/html");

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "body that is not JSON (or names a field twice): <html><body>Welcome to nginx!");
    }

    [Theory]
    [InlineData("""{"runId":"r","mode":"live","checks":[]}""")]
    [InlineData("""{"runId":"r","mode":"live","verdict":"GO","exitCode":0,"checks":[]}""")]
    [InlineData("""{"runId":"r","mode":"live","verdict":"PASS","exitCode":"0","checks":[]}""")]
    [InlineData("""{"runId":"r","mode":"live","verdict":"PASS","exitCode":3,"checks":[]}""")]
    [InlineData("""[{"verdict":"PASS","exitCode":0}]""")]
    public async Task JsonWithoutAValidVerdictAndExitCodeAbortsWith1(string body)
    {
        _gate.AnswerPreflight(200, body);

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "without a valid verdict and exit code");
    }

    [Theory]
    [InlineData("\"core\"")]
    [InlineData("[1]")]
    [InlineData("[\"\"]")]
    public async Task ABlockedByThatIsNotAListOfCheckNamesAbortsWith1(string blockedBy)
    {
        var body = CannedPreflight.Pass(DateTimeOffset.UtcNow).Replace("\"data\":{}", $"\"data\":{{}},\"blockedBy\":{blockedBy}", StringComparison.Ordinal);
        Assert.Contains("blockedBy", body, StringComparison.Ordinal);
        _gate.AnswerPreflight(body);

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "the gate answered check 'core' with a 'blockedBy' that is not a list of check names");
    }

    [Fact]
    public async Task ExpiredVerdictAbortsWith1()
    {
        _gate.AnswerPreflight(CannedPreflight.Pass(DateTimeOffset.UtcNow.AddSeconds(-61)));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, $"the gate's verdict for run {CannedPreflight.RunId} expired at");
        Assert.Empty(_reports.Reports());
    }

    [Fact]
    public async Task UnexpiredVerdictIsTheExitCode()
    {
        _gate.AnswerFreshRun(CannedPreflight.Json("live", "P2_WARN", DateTimeOffset.UtcNow.AddSeconds(30), ("core", "P0", "Healthy"), ("disk", "P2", "Unhealthy")));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("config sha256:c0ffee", result.Out, StringComparison.Ordinal);
        Assert.Contains("| Config hash | `sha256:c0ffee` |", await File.ReadAllTextAsync(Assert.Single(_reports.Reports())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerdictThatContradictsItsChecksAbortsWith1()
    {
        _gate.AnswerPreflight(CannedPreflight.Json("live", "PASS", null, ("redis", "P0", "Unhealthy")));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "verdict PASS contradicts its own checks, which make P0_FAIL");
    }

    [Fact]
    public async Task APassOverNoChecksAbortsWith1BecauseAnEmptyGateProvesNothing()
    {
        _gate.AnswerPreflight(CannedPreflight.Json("live", "PASS", null));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "verdict PASS contradicts its own checks, which make P0_FAIL");
    }

    [Fact]
    public async Task AVerdictGivenTwiceAbortsWith1()
    {
        _gate.AnswerPreflight(200, """{"runId":"r","mode":"live","verdict":"P0_FAIL","verdict":"PASS","exitCode":0,"checks":[{"name":"redis","tier":"P0","status":"Healthy"}]}""");

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "names a field twice");
    }

    [Fact]
    public async Task TheGatesNoChecksFailureIsExitCode1()
    {
        _gate.AnswerPreflight(CannedPreflight.Json("live", "P0_FAIL", null));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A429IsHonouredOnceThenTheVerdictCounts()
    {
        _gate.ThrottlePreflight(1, CannedPreflight.Json("live", "PASS", DateTimeOffset.UtcNow.AddSeconds(60), ("redis", "P0", "Healthy")));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, _gate.Preflights.Count);
    }

    [Fact]
    public async Task A429TwiceAbortsWith1()
    {
        _gate.ThrottlePreflight(5, CannedPreflight.Json("live", "PASS", null, ("redis", "P0", "Healthy")));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "refused with 429 (too many requests) twice");
        Assert.Equal(2, _gate.Preflights.Count);
    }

    [Fact]
    public async Task GoVerdictWithStatus503AbortsWith1()
    {
        _gate.AnswerPreflight(503, CannedPreflight.Pass(DateTimeOffset.UtcNow.AddSeconds(60)));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "HTTP 503 with verdict PASS");
    }

    [Fact]
    public async Task VerdictForAnotherModeAbortsWith1()
    {
        _gate.AnswerPreflight(CannedPreflight.Pass(DateTimeOffset.UtcNow.AddSeconds(60), mode: "paper"));

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "for mode 'paper' instead of 'live'");
    }

    [Fact]
    public async Task ServerErrorAbortsWith1()
    {
        _gate.AnswerPreflight(500, """{"title":"An error occurred while processing your request."}""", "application/problem+json");

        var result = await RunAsync(_gate.Url);

        Assert.Equal(1, result.ExitCode);
        AssertOneLineAbort(result, "the gate answered HTTP 500: An error occurred");
    }

    [Fact]
    public async Task AbortInJsonModeLeavesStandardOutputEmpty()
    {
        _gate.AnswerPreflight(200, "garbage", "text/plain");

        var result = await RunAsync(_gate.Url, "--json");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        AssertOneLineAbort(result, "not JSON");
    }

    [Fact]
    public async Task AbortIsKeptInTheOperationalLog()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";

        await RunAsync(url);

        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("preflight_abort", entry.GetProperty("event").GetString());
        Assert.Equal("live", entry.GetProperty("mode").GetString());
        Assert.Equal("abort", entry.GetProperty("decision").GetString());
        Assert.Equal(1, entry.GetProperty("exitCode").GetInt32());
        Assert.Equal(url, entry.GetProperty("gate").GetString());
        Assert.Contains("unreachable", entry.GetProperty("cause").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApiKeyFromTheEnvironmentIsSentAsXApiKey()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow.AddSeconds(60)));

        var result = await new CliRun { ApiKey = "ops-key-123" }.RunAsync(["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--non-interactive", "--yes"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ops-key-123", Assert.Single(_gate.Preflights).ApiKey);
        Assert.Equal("ops-key-123", Assert.Single(_gate.RunReads).ApiKey);
        Assert.DoesNotContain("ops-key-123", result.Out + result.Error + string.Join("", _reports.Reports().Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    private static void AssertOneLineAbort(CliResult result, string cause)
    {
        Assert.StartsWith("healthgate: ABORT — ", result.Error, StringComparison.Ordinal);
        Assert.Contains(cause, result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Count(c => c == '\n'));
    }

    private Task<CliResult> RunAsync(string url, params string[] extra) =>
        new CliRun().RunAsync(["preflight", "--mode", "live", "--url", url, "--report-dir", _reports.Path, "--non-interactive", "--yes", .. extra]);
}
