using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Overrides;

/// <summary>--skip-health-check: a person at a terminal only, the exact sentence in live, always logged locally.</summary>
public sealed class SkipHealthCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private static readonly string[] LiveApproval =
        ["--operator", "alice", "--approver", "CTO Carol", "--approver", "Risk Bob", "--ticket", "INC-77", "--reason", "emergency hotfix"];

    private static readonly string[] PaperApproval = ["--operator", "alice", "--approver", "team-lead", "--reason", "smoke test false positive"];

    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task PaperSkipWarnsProceedsWith0AndIsRecordedWithoutRunningAPreflight()
    {
        var terminal = new TestTerminal(interactive: true);

        var result = await RunAsync(terminal, "paper", PaperApproval, apiKey: "ops-key");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, terminal.Prompts);
        Assert.Contains("HEALTH CHECKS SKIPPED (--skip-health-check)", result.Out, StringComparison.Ordinal);
        Assert.Contains("NOT RECOMMENDED for production use", result.Out, StringComparison.Ordinal);
        Assert.Empty(_gate.Preflights);
        var sent = Assert.Single(_gate.Overrides);
        Assert.Equal("ops-key", sent.ApiKey);
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal("skip_health_check", body.GetProperty("kind").GetString());
        Assert.Equal("paper", body.GetProperty("mode").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("runId").ValueKind);
        Assert.Equal("alice", body.GetProperty("operator").GetString());
        Assert.Equal("team-lead", Assert.Single(body.GetProperty("approvers").EnumerateArray()).GetString());
        Assert.Equal("smoke test false positive", body.GetProperty("reason").GetString());
        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("skip_health_check", entry.GetProperty("event").GetString());
        Assert.Equal("proceed", entry.GetProperty("decision").GetString());
        Assert.Equal("recorded by the gate (HTTP 201)", entry.GetProperty("cause").GetString());
    }

    [Fact]
    public async Task LiveSkipWithTheExactSentenceProceedsWith0()
    {
        var terminal = new TestTerminal(interactive: true).Type("I UNDERSTAND THE RISKS");

        var result = await RunAsync(terminal, "live", LiveApproval);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, terminal.Prompts);
        Assert.Contains("THIS IS EXTREMELY DANGEROUS FOR LIVE TRADING", result.Out, StringComparison.Ordinal);
        Assert.Contains("Type 'I UNDERSTAND THE RISKS' to continue:", result.Out, StringComparison.Ordinal);
        var body = JsonDocument.Parse(Assert.Single(_gate.Overrides).Body).RootElement;
        Assert.Equal("live", body.GetProperty("mode").GetString());
        Assert.Equal("INC-77", body.GetProperty("ticket").GetString());
        Assert.Equal(2, body.GetProperty("approvers").GetArrayLength());
    }

    [Theory]
    [InlineData("i understand the risks")]
    [InlineData("I UNDERSTAND THE RISKS ")]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData(null)]
    public async Task LiveSkipWithoutTheExactSentenceIsRefusedWith1(string? typed)
    {
        var result = await RunAsync(new TestTerminal(interactive: true).Type(() => typed), "live", LiveApproval);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("skip_health_check REFUSED — 'I UNDERSTAND THE RISKS' was not typed exactly", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Requests);
        Assert.Equal("refused", JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("paper")]
    [InlineData("live")]
    public async Task SkipWithoutATerminalIsRefusedWith1(string mode)
    {
        var terminal = new TestTerminal(interactive: false).Type("I UNDERSTAND THE RISKS");

        var result = await RunAsync(terminal, mode, mode == "live" ? LiveApproval : PaperApproval);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--skip-health-check needs an interactive terminal", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, terminal.Prompts);
        Assert.Empty(_gate.Requests);
        Assert.Single(_reports.LogLines());
    }

    [Fact]
    public async Task SkipInLiveWithoutTicketIsRefusedBeforeAnyPrompt()
    {
        var terminal = new TestTerminal(interactive: true).Type("I UNDERSTAND THE RISKS");

        var result = await RunAsync(terminal, "live", ["--operator", "alice", "--approver", "a", "--approver", "b", "--reason", "r"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--skip-health-check in live mode needs --ticket", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, terminal.Prompts);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task SkipProceedsWhenTheGateIsDownAndIsLoggedLocally()
    {
        var deadGate = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await new CliRun { Terminal = new TestTerminal(interactive: true) }.RunAsync(
            ["preflight", "--mode", "paper", "--url", deadGate, "--report-dir", _reports.Path, "--skip-health-check", .. PaperApproval]);

        Assert.Equal(0, result.ExitCode);
        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("proceed", entry.GetProperty("decision").GetString());
        Assert.StartsWith("not recorded by the gate: the gate at", entry.GetProperty("cause").GetString(), StringComparison.Ordinal);
        Assert.Equal("team-lead", Assert.Single(entry.GetProperty("approvers").EnumerateArray()).GetString());
    }

    [Theory]
    [InlineData(401)]
    [InlineData(400)]
    public async Task SkipIsRefusedWith1WhenTheGateAnswersNo(int status)
    {
        _gate.AnswerOverrides(status, """{"title":"refused by the gate"}""");

        var result = await RunAsync(new TestTerminal(interactive: true), "paper", PaperApproval);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"the gate refused the skip: HTTP {status}: refused by the gate", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkipIsRefusedWhenItCannotBeLoggedLocally()
    {
        var notADirectory = Path.Combine(Path.GetTempPath(), $"healthgate-file-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(notADirectory, "a file where the report directory should be");
        try
        {
            var result = await new CliRun { Terminal = new TestTerminal(interactive: true) }.RunAsync(
                ["preflight", "--mode", "paper", "--url", _gate.Url, "--report-dir", notADirectory, "--skip-health-check", .. PaperApproval]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("the skip could not be logged locally", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(notADirectory);
        }
    }

    private Task<CliResult> RunAsync(TestTerminal terminal, string mode, string[] approval, string? apiKey = null) =>
        new CliRun { Terminal = terminal, ApiKey = apiKey }.RunAsync(
            ["preflight", "--mode", mode, "--url", _gate.Url, "--report-dir", _reports.Path, "--skip-health-check", .. approval]);
}
