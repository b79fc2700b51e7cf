using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Overrides;

/// <summary>
/// preflight --force-start --override ID against a stand-in gate: only an approved force_start for this mode and run
/// is used, after the approvers are shown as the gate returned them, ENTER at a terminal and the live confirmation;
/// every other outcome is exit 1 naming why.
/// </summary>
public sealed class ForceStartTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task AnApprovedOverrideIsShownAcknowledgedConfirmedAndUsedForThisRunThenExits0()
    {
        var approved = OverrideRecords.Approved();
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(approved).AcceptUse(approved);
        var terminal = new TestTerminal(interactive: true).Type("").Type("YES");

        var result = await RunAsync(terminal, apiKey: "olga-key");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, terminal.Prompts);
        Assert.Contains("FORCE START — PROCEEDING WITH P1 FAILURES", result.Out, StringComparison.Ordinal);
        Assert.Contains("approved by: Jane Smith (risk-manager), Bob Jones (cto)", result.Out, StringComparison.Ordinal);
        Assert.Contains("FAIL execution-ready (P1, unexpected_status)", result.Out, StringComparison.Ordinal);
        Assert.Contains("Press ENTER to acknowledge", result.Out, StringComparison.Ordinal);
        Assert.Contains("Type 'YES' to confirm:", result.Out, StringComparison.Ordinal);
        Assert.Contains("OVERRIDE USED", result.Out, StringComparison.Ordinal);
        var use = Assert.Single(_gate.Uses);
        Assert.Equal("POST", use.Method);
        Assert.Equal("olga-key", use.ApiKey);
        Assert.Equal(CannedPreflight.RunId, JsonDocument.Parse(use.Body).RootElement.GetProperty("runId").GetString());
        Assert.Empty(_gate.Overrides);
        Assert.DoesNotContain("olga-key", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheUsedOverrideIsInTheReportAndTheLogWithTheApprovalsAsTheGateReturnedThem()
    {
        var approved = OverrideRecords.Approved();
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(approved).AcceptUse(approved);

        await RunAsync(new TestTerminal(interactive: true).Type("").Type("YES"));

        var report = await File.ReadAllTextAsync(Assert.Single(_reports.Reports()));
        Assert.Contains("## Override", report, StringComparison.Ordinal);
        Assert.Contains("| Override | `42` (force_start, live), state used |", report, StringComparison.Ordinal);
        Assert.Contains("| Requested by | Olga Ivanova (olga) at ", report, StringComparison.Ordinal);
        Assert.Matches(@"\| Approvals \| approve by Jane Smith \(jane\) as risk-manager at [^;]+ — ""ok for today""; approve by Bob Jones \(bob\) as cto at ", report);
        Assert.Contains("| Ticket | OPS-1234 |", report, StringComparison.Ordinal);
        Assert.Contains("| Reason | known MT5 import issue |", report, StringComparison.Ordinal);
        Assert.Contains("| Impact | MT5 strategies idle |", report, StringComparison.Ordinal);
        Assert.Contains("| Mitigation | watch the desk, kill switch armed |", report, StringComparison.Ordinal);
        var lines = _reports.LogLines().Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["launch_confirmation", "force_start"], lines.Select(l => l.GetProperty("event").GetString()));
        var used = lines[1];
        Assert.Equal("proceed", used.GetProperty("decision").GetString());
        Assert.Equal(42, used.GetProperty("overrideId").GetInt64());
        Assert.Equal("olga", used.GetProperty("requestedBy").GetProperty("id").GetString());
        Assert.Equal(
            [("Jane Smith", "risk-manager"), ("Bob Jones", "cto")],
            used.GetProperty("approvals").EnumerateArray().Select(a => (a.GetProperty("person").GetProperty("name").GetString(), a.GetProperty("role").GetString())));
        Assert.False(used.TryGetProperty("operator", out _));
        Assert.Equal("typed YES at the terminal", lines[0].GetProperty("confirmation").GetString());
    }

    [Fact]
    public async Task WaitPollsEveryTwoSecondsOnTheCliClockUntilApproved()
    {
        var pending = OverrideRecords.Pending();
        var approved = OverrideRecords.Approved(pending);
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow))
            .AnswerOverride(pending, pending, OverrideRecords.HalfApproved(pending), approved)
            .AcceptUse(approved);
        var clock = new PollClock();
        var started = clock.GetUtcNow();

        var result = await RunAsync(new TestTerminal(interactive: false), ["--wait", "600", "--non-interactive", "--yes"], clock);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(4, _gate.OverrideReads.Count);
        Assert.Equal(3, clock.Sleeps);
        Assert.Equal(TimeSpan.FromSeconds(6), clock.GetUtcNow() - started);
        Assert.Contains("awaiting risk-manager, cto", result.Out, StringComparison.Ordinal);
        Assert.Contains("approved by Jane Smith (risk-manager); awaiting cto", result.Out, StringComparison.Ordinal);
        Assert.Single(_gate.Uses);
    }

    [Fact]
    public async Task WaitingPastWaitIsTimedOutWith1AndNothingIsUsed()
    {
        var pending = OverrideRecords.Pending();
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(pending);
        var clock = new PollClock();

        var result = await RunAsync(new TestTerminal(interactive: true), ["--wait", "10"], clock);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("force_start REFUSED — timed out after 10 s waiting for override 42: still awaiting risk-manager, cto", result.Error, StringComparison.Ordinal);
        Assert.Equal(6, _gate.OverrideReads.Count);
        Assert.Empty(_gate.Uses);
        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("refused", entry.GetProperty("decision").GetString());
        Assert.Equal(42, entry.GetProperty("overrideId").GetInt64());
    }

    [Fact]
    public async Task WithoutWaitAPendingOverrideIsLookedAtOnceAndRefused()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(OverrideRecords.Pending());

        var result = await RunAsync(new TestTerminal(interactive: true));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("override 42 is still pending, awaiting risk-manager, cto", result.Error, StringComparison.Ordinal);
        Assert.Contains("give --wait SECONDS", result.Error, StringComparison.Ordinal);
        Assert.Single(_gate.OverrideReads);
        Assert.Empty(_gate.Uses);
    }

    public static TheoryData<string, string> Unusable => new()
    {
        { "rejected", "override 42 was rejected: reject by Bob Jones (bob) at" },
        { "expired", "override 42 expired at" },
        { "used", "override 42 was already used" },
        { "skip", "override 42 is a skip_health_check, not a force_start" },
        { "paper", "override 42 is for mode paper, not live" },
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public async Task AnOverrideThatIsNotAnApprovedForceStartForThisModeIsRefusedWith1(string story, string cause)
    {
        var pending = OverrideRecords.Pending();
        var record = story switch
        {
            "rejected" => OverrideRecords.Rejected(pending),
            "expired" => OverrideRecords.Expired(pending),
            "used" => OverrideRecords.Used(OverrideRecords.Approved(pending), "01JOTHERRUN"),
            "skip" => OverrideRecords.Approved(OverrideRequest.SkipHealthCheck),
            _ => OverrideRecords.Approved(mode: "paper"),
        };
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(record);
        var terminal = new TestTerminal(interactive: true).Type("").Type("YES");

        var result = await RunAsync(terminal, ["--wait", "30"], new PollClock());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"healthgate: force_start REFUSED — {cause}", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, terminal.Prompts);
        Assert.Single(_gate.OverrideReads);
        Assert.Empty(_gate.Uses);
    }

    [Theory]
    [InlineData(409, """{"title":"Conflict","detail":"the gate's configuration changed since the run: configHash differs"}""", "409: the gate's configuration changed since the run: configHash differs")]
    [InlineData(403, """{"title":"Forbidden","detail":"only the requester or a service key may use an override"}""", "403: only the requester or a service key may use an override")]
    [InlineData(500, "", "500: no explanation from the gate")]
    public async Task AUseTheGateRefusesIsExit1WithItsReason(int status, string problem, string cause)
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(OverrideRecords.Approved()).AnswerUse(OverrideRecords.Id, status, problem);

        var result = await RunAsync(new TestTerminal(interactive: true).Type("").Type("YES"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"force_start REFUSED — the gate did not let override 42 be used: {cause}", result.Error, StringComparison.Ordinal);
        Assert.Single(_gate.Uses);
        Assert.DoesNotContain("## Override", await File.ReadAllTextAsync(Assert.Single(_reports.Reports())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnP0FailNothingOverridesAndTheOverrideIsNotEvenRead()
    {
        _gate.AnswerPreflight(CannedPreflight.P0Fail(DateTimeOffset.UtcNow)).AnswerOverride(OverrideRecords.Approved());
        var terminal = new TestTerminal(interactive: true).Type("").Type("YES");

        var result = await RunAsync(terminal);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("P0 failures have no override", result.Error, StringComparison.Ordinal);
        Assert.Contains("DO NOT START LIVE TRADING", result.Out, StringComparison.Ordinal);
        Assert.Equal(0, terminal.Prompts);
        Assert.Empty(_gate.OverrideReads);
        Assert.Empty(_gate.Uses);
    }

    [Fact]
    public async Task OnPassThereIsNothingToForceTheOverrideIsKeptAndTheLiveLaunchIsStillConfirmed()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow)).AnswerOverride(OverrideRecords.Approved());
        var terminal = new TestTerminal(interactive: true).Type("YES");

        var result = await RunAsync(terminal);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Nothing to force: the verdict is PASS; override 42 was not used.", result.Out, StringComparison.Ordinal);
        Assert.Equal(1, terminal.Prompts);
        Assert.Empty(_gate.OverrideReads);
        Assert.Empty(_gate.Uses);
    }

    [Fact]
    public async Task WithoutATerminalItGoesAheadOnlyWithNonInteractiveYesAndLogsThatConfirmation()
    {
        var approved = OverrideRecords.Approved();
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(approved).AcceptUse(approved);
        var terminal = new TestTerminal(interactive: false);

        var refused = await RunAsync(terminal);
        var confirmed = await RunAsync(terminal, ["--non-interactive", "--yes"]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("launch not confirmed", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--non-interactive --yes", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Equal(0, terminal.Prompts);
        Assert.Single(_gate.Uses);
        var confirmation = _reports.LogLines().Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("decision").GetString() == "proceed" && e.GetProperty("event").GetString() == "launch_confirmation");
        Assert.Equal("given non-interactively (--non-interactive --yes)", confirmation.GetProperty("confirmation").GetString());
    }

    [Theory]
    [InlineData("no", "YES", "the override was not acknowledged")]
    [InlineData(null, "YES", "the override was not acknowledged")]
    [InlineData("", "yes", "launch not confirmed: 'YES' was not typed")]
    [InlineData("", "YES please", "launch not confirmed: 'YES' was not typed")]
    [InlineData("", null, "launch not confirmed: 'YES' was not typed")]
    public async Task AtATerminalAnythingButEnterThenYesIsExit1AndNothingIsUsed(string? enter, string? yes, string cause)
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(OverrideRecords.Approved()).AcceptUse(OverrideRecords.Approved());

        var result = await RunAsync(new TestTerminal(interactive: true).Type(() => enter).Type(() => yes));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(cause, result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Uses);
    }

    [Fact]
    public async Task AnOverrideApprovedForAnotherConfigurationIsRefused()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(OverrideRecords.Approved() with { ConfigHash = "sha256:0ther" });

        var result = await RunAsync(new TestTerminal(interactive: true).Type("").Type("YES"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("override 42 was approved for configuration sha256:0ther, run 01JCANNEDRUN0000000000000A is of configuration sha256:c0ffee", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Uses);
    }

    [Fact]
    public async Task ALaunchRunFailingAP1CheckTheApprovedRunDidNotFailIsRefused()
    {
        var now = DateTimeOffset.UtcNow;
        var approvedRun = CannedPreflight.Json("live", "P1_FAIL", now.AddSeconds(60), ("core", "P0", "Healthy"), ("execution-ready", "P1", "Unhealthy"), ("feed", "P1", "Healthy"))
            .Replace(CannedPreflight.RunId, "01JAPPROVEDRUN", StringComparison.Ordinal);
        var launchRun = CannedPreflight.Json("live", "P1_FAIL", now.AddSeconds(60), ("core", "P0", "Healthy"), ("execution-ready", "P1", "Unhealthy"), ("feed", "P1", "Unhealthy"));
        _gate.KeepRun(approvedRun).AnswerPreflight(launchRun).AnswerOverride(OverrideRecords.Approved(runId: "01JAPPROVEDRUN"));

        var result = await RunAsync(new TestTerminal(interactive: true).Type("").Type("YES"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"run {CannedPreflight.RunId} fails P1 checks that override 42 was not approved for: feed (approved for run 01JAPPROVEDRUN)", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Uses);
    }

    [Fact]
    public async Task ALaunchRunWithTheApprovedRunsFailuresIsCoveredAndTheUseNamesTheLaunchRun()
    {
        var now = DateTimeOffset.UtcNow;
        var approvedRun = CannedPreflight.P1Fail(now).Replace(CannedPreflight.RunId, "01JAPPROVEDRUN", StringComparison.Ordinal);
        var approved = OverrideRecords.Approved(runId: "01JAPPROVEDRUN");
        _gate.KeepRun(approvedRun).AnswerPreflight(CannedPreflight.P1Fail(now)).AnswerOverride(approved).AcceptUse(approved);

        var result = await RunAsync(new TestTerminal(interactive: true).Type("").Type("YES"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(CannedPreflight.RunId, JsonDocument.Parse(Assert.Single(_gate.Uses).Body).RootElement.GetProperty("runId").GetString());
        var report = await File.ReadAllTextAsync(Assert.Single(_reports.Reports()));
        Assert.Contains("| Approved for run | `01JAPPROVEDRUN` |", report, StringComparison.Ordinal);
        Assert.Contains($"| Used for run | `{CannedPreflight.RunId}` |", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVerdictThatExpiredWhileTheApprovalsWereAwaitedIsRunAgainBeforeTheOverrideIsUsed()
    {
        var now = DateTimeOffset.UtcNow;
        var pending = OverrideRecords.Pending();
        var approved = OverrideRecords.Approved(pending);
        var stale = CannedPreflight.Json("live", "P1_FAIL", now.AddSeconds(5), ("core", "P0", "Healthy"), ("execution-ready", "P1", "Unhealthy"));
        _gate.AnswerPreflights(stale, CannedPreflight.P1Fail(now.AddSeconds(600)))
            .AnswerOverride(pending, pending, pending, pending, approved)
            .AcceptUse(approved);

        var result = await RunAsync(new TestTerminal(interactive: false), ["--wait", "60", "--non-interactive", "--yes"], new PollClock());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("expired while the approvals were awaited; running the preflight again", result.Out, StringComparison.Ordinal);
        Assert.Equal(2, _gate.Preflights.Count);
        Assert.Single(_gate.Uses);
    }

    [Fact]
    public async Task AGateThatCannotBeAskedAboutTheOverrideIsExit1()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverrideRead(OverrideRecords.Id, 404, """{"title":"Not Found","detail":"no override 42"}""");

        var result = await RunAsync(new TestTerminal(interactive: true).Type("").Type("YES"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("override 42 could not be read: reading override 42 answered 404: no override 42", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(TestTerminal terminal, string[]? extra = null, TimeProvider? time = null, string? apiKey = null) =>
        new CliRun { Terminal = terminal, ApiKey = apiKey, Time = time ?? TimeProvider.System }.RunAsync(
            ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--force-start", "--override", "42", .. extra ?? []]);
}
