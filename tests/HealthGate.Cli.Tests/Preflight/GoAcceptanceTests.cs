using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Preflight;

/// <summary>
/// A GO (PASS or P2_WARN) is accepted only when it can be checked: rows <c>11/*</c>, each a crafted answer from a
/// scripted gate that breaks one acceptance rule, each exit 1 naming the rule. The launcher's clock is pinned, so
/// the request's window is one instant and the bounds are exact.
/// </summary>
public sealed class GoAcceptanceTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public static TheoryData<string> RefusedRows => [.. Rows.Keys];

    /// <summary>Each row: what the gate answers, what reading the run back answers, extra options, and what the refusal must name.</summary>
    private static Dictionary<string, Row> Rows { get; } = new Row[]
    {
        // Times present and bounded by the request's own window.
        new("11/no-expires-at", Answer: j => j.Without("expiresAt"), Names: ["no expiresAt"]),
        new("11/expires-at-null", Answer: j => j.With("expiresAt", null), Names: ["no expiresAt"]),
        new("11/no-started-at", Answer: j => j.Without("startedAt"), Names: ["no startedAt"]),
        new("11/started-at-null", Answer: j => j.With("startedAt", null), Names: ["no startedAt"]),
        new("11/started-2020-expires-2099", Answer: j => j.With("startedAt", "2020-01-01T00:00:00.000Z").With("expiresAt", "2099-01-01T00:00:00.000Z"),
            Names: ["startedAt 2020-01-01T00:00:00.000Z is", "before the request was sent", "over the 300 s a verdict may stay valid (--max-verdict-ttl)"]),
        new("11/started-before-the-request", Answer: j => j.With("startedAt", VerdictJson.At(Now.AddMilliseconds(-2001))),
            Names: ["is 2.001 s before the request was sent", "(clock tolerance 2 s): not a run of this request"]),
        new("11/started-in-the-future", Answer: j => j.With("startedAt", VerdictJson.At(Now.AddMilliseconds(2001))),
            Names: ["is 2.001 s after the answer arrived"]),
        new("11/started-in-2099", Answer: j => j.With("startedAt", "2099-01-01T00:00:00.000Z").With("expiresAt", "2099-01-01T00:01:00.000Z"),
            Names: ["startedAt 2099-01-01T00:00:00.000Z is", "after the answer arrived"]),
        new("11/outside-a-tighter-clock-tolerance", Answer: j => j.With("startedAt", VerdictJson.At(Now.AddMilliseconds(-501))),
            Args: ["--clock-tolerance", "0.5"], Names: ["is 0.501 s before the request was sent", "(clock tolerance 0.5 s)"]),
        new("11/ttl-too-long", Answer: j => j.With("expiresAt", VerdictJson.At(Now.AddMilliseconds(300_001))),
            Names: ["expiresAt − startedAt is 300.001 s, over the 300 s a verdict may stay valid (--max-verdict-ttl)"]),
        new("11/ttl-over-a-lower-cap", Answer: j => j.With("expiresAt", VerdictJson.At(Now.AddSeconds(31))),
            Args: ["--max-verdict-ttl", "30"], Names: ["expiresAt − startedAt is 31 s, over the 30 s"]),
        new("11/expires-before-it-started", Answer: j => j.With("startedAt", VerdictJson.At(Now.AddSeconds(1))).With("expiresAt", VerdictJson.At(Now.AddMilliseconds(500))),
            Names: ["is not after startedAt"]),

        // The summary is the checks' counts, each of them.
        new("11/summary-missing", Answer: j => j.Without("summary"), Names: ["no summary"]),
        new("11/summary-not-an-object", Answer: j => j.With("summary", new JsonArray(2, 2, 0, 0)), Names: ["no summary"]),
        new("11/summary-total", Answer: j => Count(j, "total", 3), Names: ["summary.total is 3 but there are 2 checks listed"]),
        new("11/summary-healthy", Answer: j => Count(j, "healthy", 1), Names: ["summary.healthy is 1 but there are 2 Healthy checks"]),
        new("11/summary-degraded", Answer: j => Count(j, "degraded", 1), Names: ["summary.degraded is 1 but there are 0 Degraded checks"]),
        new("11/summary-three-unhealthy", Answer: j => Count(j, "unhealthy", 3), Names: ["summary.unhealthy is 3 but there are 0 Unhealthy checks"]),
        new("11/summary-count-missing", Answer: j => j["summary"]!.AsObject().Remove("degraded"), Names: ["summary.degraded is missing or not an integer"]),
        new("11/summary-count-a-string", Answer: j => j["summary"]!["healthy"] = "2", Names: ["summary.healthy is missing or not an integer"]),
        new("11/summary-count-a-fraction", Answer: j => j["summary"]!["total"] = 2.5, Names: ["summary.total is missing or not an integer"]),

        // The configuration is named, and pinnable.
        new("11/no-config-hash", Answer: j => j.Without("configHash"), Names: ["no configHash"]),
        new("11/config-hash-empty", Answer: j => j.With("configHash", ""), Names: ["no configHash"]),
        new("11/config-hash-not-a-string", Answer: j => j.With("configHash", 42), Names: ["no configHash"]),
        new("11/config-hash-not-the-expected-one", Answer: _ => { }, Args: ["--expect-config-hash", "sha256:decaf"],
            Names: ["configHash 'sha256:c0ffee' is not the expected 'sha256:decaf' (--expect-config-hash)"]),
        new("11/config-hash-differs-in-case", Answer: _ => { }, Args: ["--expect-config-hash", "SHA256:C0FFEE"], Names: ["is not the expected 'SHA256:C0FFEE'"]),

        // A P2_WARN lets the launch go on too: the same rules.
        new("11/p2-warn-without-expiry", Answer: j => ToP2Warn(j).Without("expiresAt"), Names: ["the gate's P2_WARN for run", "no expiresAt"]),
        new("11/p2-warn-summary-hides-the-warning", Answer: j => Count(Count(ToP2Warn(j), "degraded", 0), "healthy", 2), Names: ["summary.healthy is 2 but there are 1 Healthy checks", "summary.degraded is 0 but there are 1 Degraded checks"]),

        // The run read back from the gate's history, unchanged.
        new("11/read-back-404", ReadBack: (gate, runId, _) => gate.AnswerRun(runId, 404, """{"title":"Unknown run","status":404}"""),
            Names: ["reading it back from", $"/preflight/runs/{CannedPreflight.RunId} answered HTTP 404: Unknown run", "a GO the gate did not record is not a GO"]),
        new("11/read-back-500", ReadBack: (gate, runId, _) => gate.AnswerRun(runId, 500, "boom", "text/plain"), Names: ["answered HTTP 500: boom"]),
        new("11/read-back-redirect", ReadBack: (gate, runId, _) => gate.AnswerRun(runId, 302, ""), Names: ["answered HTTP 302"]),
        new("11/read-back-401", ReadBack: (gate, runId, _) => gate.AnswerRun(runId, 401, """{"title":"Unauthorized"}"""), Names: ["answered HTTP 401: Unauthorized"]),
        new("11/read-back-garbage", ReadBack: (gate, runId, _) => gate.AnswerRun(runId, 200, "<html>nginx</html>", "text/html"),
            Names: ["is not a run: the gate answered HTTP 200 with a body that is not JSON"]),
        new("11/read-back-without-a-verdict", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, j.Copy().Without("verdict").ToJsonString()),
            Names: ["is not a run: the gate answered JSON without a valid verdict and exit code"]),
        new("11/read-back-names-a-field-twice", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, j.ToJsonString().Replace("\"verdict\":", "\"verdict\":\"P0_FAIL\",\"verdict\":", StringComparison.Ordinal)),
            Names: ["is not a run", "names a field twice"]),
        new("11/read-back-another-verdict", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => ToP0Fail(r))),
            Names: ["is not the one answered", "verdict 'P0_FAIL' recorded, 'PASS' answered", "check 'core' P0 Unhealthy recorded, P0 Healthy answered"]),
        new("11/read-back-another-mode", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => r.With("mode", "paper"))), Names: ["mode 'paper' recorded, 'live' answered"]),
        new("11/read-back-another-config-hash", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => r.With("configHash", "sha256:decaf"))),
            Names: ["configHash 'sha256:decaf' recorded, 'sha256:c0ffee' answered"]),
        new("11/read-back-without-a-config-hash", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => r.Without("configHash"))), Names: ["configHash absent recorded"]),
        new("11/read-back-another-run", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => r.With("runId", "01JSOMEOTHERRUN"))),
            Names: [$"runId '01JSOMEOTHERRUN' recorded, '{CannedPreflight.RunId}' answered"]),
        new("11/read-back-another-start", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => r.With("startedAt", VerdictJson.At(Now.AddMilliseconds(-1))))),
            Names: ["startedAt '", "recorded, '" + VerdictJson.At(Now) + "' answered"]),
        new("11/read-back-another-expiry", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => r.With("expiresAt", VerdictJson.At(Now.AddSeconds(30))))),
            Names: ["expiresAt '" + VerdictJson.At(Now.AddSeconds(30)) + "' recorded"]),
        new("11/read-back-another-check", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => RenameCheck(r, 1, "risk"))),
            Names: ["check 'execution-ready' absent recorded, P1 Healthy answered", "check 'risk' P1 Healthy recorded, absent answered"]),
        new("11/read-back-incoherent", ReadBack: (gate, runId, j) => gate.AnswerRun(runId, 200, Recorded(j, r => r["checks"]![0]!["status"] = "Unhealthy")),
            Names: ["is not a run: the gate's verdict PASS contradicts its own checks, which make P0_FAIL"]),
        new("11/read-back-hangs", ReadBack: (gate, runId, _) => gate.HangRun(runId), Args: ["--timeout", "2"],
            Names: ["could not be read back from", "did not answer within 2 s"]),
    }.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public void Dispose() => _reports.Dispose();

    [Theory]
    [MemberData(nameof(RefusedRows))]
    public async Task AGoThatCannotBeCheckedIsRefusedWith1NamingTheRule(string name)
    {
        var row = Rows[name];
        var answer = VerdictJson.Pass(Now);
        row.Answer?.Invoke(answer);
        _gate.AnswerPreflight(answer.ToJsonString());
        row.ReadBack?.Invoke(_gate, CannedPreflight.RunId, answer);

        var result = await RunAsync(row.Args);

        Assert.True(result.ExitCode == 1, $"{name}: exit code {result.ExitCode}, stderr: {result.Error}");
        Assert.StartsWith("healthgate: ABORT — the gate's ", result.Error, StringComparison.Ordinal);
        Assert.Contains($"for run {answer["runId"]} is not accepted: ", result.Error, StringComparison.Ordinal);
        foreach (var part in row.Names)
        {
            Assert.Contains(part, result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(1, result.Error.Count(c => c == '\n'));
        Assert.Empty(_reports.Reports());
        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("preflight_abort", entry.GetProperty("event").GetString());
        Assert.Equal(CannedPreflight.RunId, entry.GetProperty("runId").GetString());
        Assert.Contains(row.Names[0], entry.GetProperty("cause").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 60_000, new string[0])]
    [InlineData(-2000, 60_000, new string[0])]
    [InlineData(2000, 60_000, new string[0])]
    [InlineData(0, 300_000, new string[0])]
    [InlineData(-4999, 60_000, new[] { "--clock-tolerance", "5" })]
    [InlineData(0, 600_000, new[] { "--max-verdict-ttl", "600" })]
    [InlineData(0, 60_000, new[] { "--expect-config-hash", "sha256:c0ffee" })]
    [InlineData(0, 60_000, new[] { "--clock-tolerance", "0" })]
    public async Task ACoherentFreshGoReadBackUnchangedIsAcceptedUpToEachBound(int startedOffsetMs, int ttlMs, string[] args)
    {
        var started = Now.AddMilliseconds(startedOffsetMs);
        var answer = VerdictJson.Pass(started).With("expiresAt", VerdictJson.At(started.AddMilliseconds(ttlMs)));
        _gate.AnswerPreflight(answer.ToJsonString());

        var result = await RunAsync(args);

        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}, stderr: {result.Error}");
        Assert.Equal("", result.Error);
        Assert.EndsWith($"/preflight/runs/{CannedPreflight.RunId}", Assert.Single(_gate.RunReads).Path, StringComparison.Ordinal);
        Assert.Contains("recorded by the gate (read back)", result.Out, StringComparison.Ordinal);
        Assert.Single(_reports.Reports());
    }

    [Fact]
    public async Task ACoherentP2WarnIsCheckedAndReadBackThenExits3()
    {
        _gate.AnswerPreflight(ToP2Warn(VerdictJson.Pass(Now)).ToJsonString());

        var result = await RunAsync([]);

        Assert.True(result.ExitCode == 3, $"exit code {result.ExitCode}, stderr: {result.Error}");
        Assert.Single(_gate.RunReads);
        Assert.Contains("recorded by the gate (read back)", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InJsonModeTheReadBackHappensAndOnlyTheAnswerIsPrinted()
    {
        var answer = VerdictJson.Pass(Now).ToJsonString();
        _gate.AnswerPreflight(answer);

        var result = await RunAsync(["--json"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(answer + "\n", result.Out);
        Assert.Single(_gate.RunReads);
    }

    [Fact]
    public async Task ARefusedGoInJsonModeLeavesStandardOutputEmpty()
    {
        _gate.AnswerPreflight(VerdictJson.Pass(Now).Without("expiresAt").ToJsonString());

        var result = await RunAsync(["--json"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("no expiresAt", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBrokenRuleIsNamedInTheOneLine()
    {
        _gate.AnswerPreflight(VerdictJson.Pass(Now).Without("startedAt").Without("summary").Without("configHash").ToJsonString());

        var result = await RunAsync([]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no startedAt: a GO must say when its checks began; no summary: a GO must state its counts; no configHash", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.RunReads);
    }

    [Theory]
    [InlineData("P1_FAIL", 2)]
    [InlineData("P0_FAIL", 1)]
    public async Task ANoGoStopsTheLaunchWithItsOwnExitCodeAndIsNotReadBack(string verdict, int exitCode)
    {
        var answer = VerdictJson.Pass(Now).Without("expiresAt").Without("summary").Without("configHash").With("startedAt", "2020-01-01T00:00:00.000Z");
        answer = verdict == "P0_FAIL" ? ToP0Fail(answer) : ToP1Fail(answer);
        _gate.AnswerPreflight(answer.ToJsonString());

        var result = await RunAsync([]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Empty(_gate.RunReads);
        Assert.Single(_reports.Reports());
    }

    [Theory]
    [InlineData("--clock-tolerance", "-1", "--clock-tolerance must be between 0 and 60 seconds")]
    [InlineData("--clock-tolerance", "61", "--clock-tolerance must be between 0 and 60 seconds")]
    [InlineData("--clock-tolerance", "NaN", "--clock-tolerance must be between 0 and 60 seconds")]
    [InlineData("--max-verdict-ttl", "0", "--max-verdict-ttl must be between 1 and 3600 seconds")]
    [InlineData("--max-verdict-ttl", "3601", "--max-verdict-ttl must be between 1 and 3600 seconds")]
    [InlineData("--expect-config-hash", " ", "--expect-config-hash must not be empty")]
    public async Task AnAcceptanceBoundOutOfRangeIsAUsageErrorAndAsksNothing(string option, string value, string message)
    {
        _gate.AnswerPreflight(VerdictJson.Pass(Now).ToJsonString());

        var result = await RunAsync([option, value]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Requests);
    }

    private static JsonObject Count(JsonObject json, string field, int value)
    {
        json["summary"]![field] = value;
        return json;
    }

    private static JsonObject ToP2Warn(JsonObject json)
    {
        json["checks"]![1]!["status"] = "Degraded";
        json["summary"] = new JsonObject { ["total"] = 2, ["healthy"] = 1, ["degraded"] = 1, ["unhealthy"] = 0 };
        return json.With("verdict", "P2_WARN").With("exitCode", 3);
    }

    private static JsonObject ToP1Fail(JsonObject json)
    {
        json["checks"]![1]!["status"] = "Unhealthy";
        return json.With("verdict", "P1_FAIL").With("exitCode", 2);
    }

    private static JsonObject ToP0Fail(JsonObject json)
    {
        json["checks"]![0]!["status"] = "Unhealthy";
        json["summary"] = new JsonObject { ["total"] = 2, ["healthy"] = 1, ["degraded"] = 0, ["unhealthy"] = 1 };
        return json.With("verdict", "P0_FAIL").With("exitCode", 1);
    }

    private static JsonObject RenameCheck(JsonObject json, int index, string name)
    {
        json["checks"]![index]!["name"] = name;
        return json;
    }

    /// <summary>The answered run as the history would give it back, with one change.</summary>
    private static string Recorded(JsonObject answered, Action<JsonObject> change)
    {
        var recorded = answered.Copy();
        change(recorded);
        return recorded.ToJsonString();
    }

    private Task<CliResult> RunAsync(string[] extra) =>
        new CliRun { Time = new ManualClock(Now) }.RunAsync(["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--non-interactive", "--yes", .. extra]);

    private sealed record Row(
        string Name,
        Action<JsonObject>? Answer = null,
        Action<FakeGate, string, JsonObject>? ReadBack = null,
        string[]? Args = null,
        string[]? Names = null)
    {
        public string[] Args { get; } = Args ?? [];

        public string[] Names { get; } = Names ?? [];
    }
}
