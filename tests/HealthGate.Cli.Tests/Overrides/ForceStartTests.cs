using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Overrides;

/// <summary>--force-start: what the operator sees and types, and exactly what reaches POST /overrides (a stand-in gate).</summary>
public sealed class ForceStartTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private static readonly string[] LiveApproval =
        ["--operator", "alice", "--approver", "Risk Manager Bob", "--approver", "CTO Carol", "--ticket", "OPS-1234", "--reason", "known MT5 import issue"];

    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task ForceStartOnP1WithTwoApproversAtATerminalRecordsTheOverrideAndExits0()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow));
        var terminal = new TestTerminal(interactive: true).Type("");

        var result = await RunAsync(terminal, "live", [.. LiveApproval], apiKey: "ops-key");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, terminal.Prompts);
        Assert.Contains("FORCE START — PROCEEDING WITH P1 FAILURES", result.Out, StringComparison.Ordinal);
        Assert.Contains("approved by: Risk Manager Bob, CTO Carol", result.Out, StringComparison.Ordinal);
        Assert.Contains("Press ENTER to acknowledge", result.Out, StringComparison.Ordinal);
        var sent = Assert.Single(_gate.Overrides);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("ops-key", sent.ApiKey);
        Assert.StartsWith("application/json", sent.ContentType, StringComparison.Ordinal);
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal("force_start", body.GetProperty("kind").GetString());
        Assert.Equal("live", body.GetProperty("mode").GetString());
        Assert.Equal(CannedPreflight.RunId, body.GetProperty("runId").GetString());
        Assert.Equal("alice", body.GetProperty("operator").GetString());
        Assert.Equal(["Risk Manager Bob", "CTO Carol"], body.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("known MT5 import issue", body.GetProperty("reason").GetString());
        Assert.Equal("OPS-1234", body.GetProperty("ticket").GetString());
    }

    [Fact]
    public async Task RecordedForceStartIsInTheReportAndTheOperationalLog()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow));

        await RunAsync(new TestTerminal(interactive: true).Type(""), "live", [.. LiveApproval]);

        var report = await File.ReadAllTextAsync(Assert.Single(_reports.Reports()));
        Assert.Contains("## Override", report, StringComparison.Ordinal);
        Assert.Contains("Approvers: Risk Manager Bob, CTO Carol. Ticket: OPS-1234.", report, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("force_start", entry.GetProperty("event").GetString());
        Assert.Equal("proceed", entry.GetProperty("decision").GetString());
        Assert.Equal(CannedPreflight.RunId, entry.GetProperty("runId").GetString());
        Assert.Equal("execution-ready (P1: unexpected_status)", Assert.Single(entry.GetProperty("failures").EnumerateArray()).GetString());
    }

    [Theory]
    [InlineData(409, """{"title":"Conflict","detail":"run has verdict P0_FAIL: P0 has no override"}""", "HTTP 409: Conflict — run has verdict P0_FAIL")]
    [InlineData(400, """{"title":"One or more validation errors occurred.","errors":{"ticket":["is required in live"]}}""", "HTTP 400: One or more validation errors occurred. — ticket: is required in live")]
    [InlineData(401, "", "HTTP 401")]
    public async Task ForceStartExits2WhenTheGateDoesNotRecordIt(int status, string problem, string cause)
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverrides(status, problem);

        var result = await RunAsync(new TestTerminal(interactive: true).Type(""), "live", [.. LiveApproval]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"force_start REFUSED — the gate did not record the override: {cause}", result.Error, StringComparison.Ordinal);
        Assert.Single(_gate.Overrides);
        Assert.Equal("refused", JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task ForceStartExits2WhenTheGateFallsSilentWhileRecording()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).HangOverrides();

        var result = await RunAsync(new TestTerminal(interactive: true).Type(""), "live", [.. LiveApproval, "--timeout", "1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the override could not be recorded: the gate at", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForceStartWithoutATerminalIsRefusedWith1AndNothingIsPosted()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow));
        var terminal = new TestTerminal(interactive: false);

        var result = await RunAsync(terminal, "live", [.. LiveApproval]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--force-start needs an interactive terminal", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, terminal.Prompts);
        Assert.Empty(_gate.Overrides);
    }

    [Fact]
    public async Task ForceStartOnP0FailExits1WhateverTheFlags()
    {
        _gate.AnswerPreflight(CannedPreflight.P0Fail(DateTimeOffset.UtcNow));
        var terminal = new TestTerminal(interactive: true).Type("");

        var result = await RunAsync(terminal, "live", [.. LiveApproval]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("P0 failures have no override", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, terminal.Prompts);
        Assert.Empty(_gate.Overrides);
    }

    [Fact]
    public async Task ForceStartOnPassHasNothingToForceAndExits0WithoutPosting()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));

        var result = await RunAsync(new TestTerminal(interactive: true), "live", [.. LiveApproval]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Nothing to force", result.Out, StringComparison.Ordinal);
        Assert.Empty(_gate.Overrides);
    }

    [Theory]
    [InlineData("no")]
    [InlineData(null)]
    public async Task ForceStartNotAcknowledgedWithEnterExits2AndPostsNothing(string? typed)
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow));

        var result = await RunAsync(new TestTerminal(interactive: true).Type(() => typed), "live", [.. LiveApproval]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the override was not acknowledged", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Overrides);
    }

    [Fact]
    public async Task ForceStartOnAVerdictThatExpiredWhileWaitingIsRefused()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        _gate.AnswerPreflight(CannedPreflight.P1Fail(clock.Now));
        var terminal = new TestTerminal(interactive: true).Type(() =>
        {
            clock.Now = clock.Now.AddSeconds(61);
            return "";
        });

        var result = await new CliRun { Terminal = terminal, Time = clock }.RunAsync(
            ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--force-start", .. LiveApproval]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("expired while waiting", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Overrides);
    }

    [Theory]
    [InlineData("live", new[] { "--operator", "alice", "--approver", "bob", "--ticket", "T-1", "--reason", "r" }, "--approver (2 distinct approvers, got 1)")]
    [InlineData("live", new[] { "--operator", "alice", "--approver", "bob", "--approver", " BOB ", "--ticket", "T-1", "--reason", "r" }, "--approver (2 distinct approvers, got 1)")]
    [InlineData("live", new[] { "--operator", "alice", "--approver", "bob", "--approver", "carol", "--reason", "r" }, "--ticket")]
    [InlineData("live", new[] { "--operator", "alice", "--approver", "bob", "--approver", "carol", "--ticket", "T-1" }, "--reason")]
    [InlineData("live", new[] { "--approver", "bob", "--approver", "carol", "--ticket", "T-1", "--reason", "r" }, "--operator")]
    [InlineData("paper", new[] { "--operator", "alice", "--ticket", "T-1", "--reason", "r" }, "--approver (1 distinct approver, got 0)")]
    [InlineData("paper", new[] { "--operator", "alice", "--approver", "bob" }, "--reason")]
    public async Task ForceStartWithoutTheApprovalsIsRefusedBeforeAskingTheGate(string mode, string[] approval, string missing)
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow, mode));

        var result = await RunAsync(new TestTerminal(interactive: true).Type(""), mode, approval);

        Assert.Equal(1, result.ExitCode);
        Assert.Matches($"^healthgate: force_start REFUSED — --force-start in {mode} mode needs .*{System.Text.RegularExpressions.Regex.Escape(missing)}", result.Error);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task ForceStartInPaperNeedsOneApproverAndAReasonButNoTicket()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow, "paper"));

        var result = await RunAsync(new TestTerminal(interactive: true).Type(""), "paper", ["--operator", "alice", "--approver", "team-lead", "--reason", "paper drill"]);

        Assert.Equal(0, result.ExitCode);
        var body = JsonDocument.Parse(Assert.Single(_gate.Overrides).Body).RootElement;
        Assert.Equal("paper", body.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ticket").ValueKind);
    }

    private Task<CliResult> RunAsync(TestTerminal terminal, string mode, string[] approval, string? apiKey = null) =>
        new CliRun { Terminal = terminal, ApiKey = apiKey }.RunAsync(
            ["preflight", "--mode", mode, "--url", _gate.Url, "--report-dir", _reports.Path, "--force-start", .. approval]);
}
