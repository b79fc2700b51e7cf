using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Overrides;

/// <summary>
/// preflight --skip-health-check --override ID: no preflight, an approved skip_health_check for this mode, the exact
/// sentence typed at a terminal in live, the live confirmation, and the gate's 200 to its use.
/// </summary>
public sealed class SkipHealthCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task PaperSkipAtATerminalIsAcknowledgedWithEnterUsedAndExits0WithoutAPreflight()
    {
        var approved = OverrideRecords.Approved(OverrideRequest.SkipHealthCheck, "paper");
        _gate.AnswerOverride(approved).AcceptUse(approved);
        var terminal = new TestTerminal(interactive: true).Type("");

        var result = await RunAsync(terminal, "paper", apiKey: "olga-key");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(1, terminal.Prompts);
        Assert.Contains("HEALTH CHECKS SKIPPED (--skip-health-check)", result.Out, StringComparison.Ordinal);
        Assert.Contains("NOT RECOMMENDED for production use", result.Out, StringComparison.Ordinal);
        Assert.Contains("approved by: Jane Smith (risk-manager), Bob Jones (cto)", result.Out, StringComparison.Ordinal);
        Assert.Empty(_gate.Preflights);
        var use = Assert.Single(_gate.Uses);
        Assert.Equal("olga-key", use.ApiKey);
        Assert.False(JsonDocument.Parse(use.Body).RootElement.TryGetProperty("runId", out _), use.Body);
        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("skip_health_check", entry.GetProperty("event").GetString());
        Assert.Equal("proceed", entry.GetProperty("decision").GetString());
        Assert.Equal(42, entry.GetProperty("overrideId").GetInt64());
        Assert.Equal(2, entry.GetProperty("approvals").GetArrayLength());
    }

    [Fact]
    public async Task PaperSkipWithoutATerminalNeedsNoPrompt()
    {
        var approved = OverrideRecords.Approved(OverrideRequest.SkipHealthCheck, "paper");
        _gate.AnswerOverride(approved).AcceptUse(approved);
        var terminal = new TestTerminal(interactive: false);

        var result = await RunAsync(terminal, "paper");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(0, terminal.Prompts);
        Assert.Single(_gate.Uses);
    }

    [Fact]
    public async Task LiveSkipWithTheExactSentenceAndYesIsUsedAndExits0()
    {
        var approved = OverrideRecords.Approved(OverrideRequest.SkipHealthCheck);
        _gate.AnswerOverride(approved).AcceptUse(approved);
        var terminal = new TestTerminal(interactive: true).Type("I UNDERSTAND THE RISKS").Type("YES");

        var result = await RunAsync(terminal, "live");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, terminal.Prompts);
        Assert.Contains("THIS IS EXTREMELY DANGEROUS FOR LIVE TRADING", result.Out, StringComparison.Ordinal);
        Assert.Contains("Type 'I UNDERSTAND THE RISKS' to continue:", result.Out, StringComparison.Ordinal);
        Assert.Contains("Type 'YES' to confirm:", result.Out, StringComparison.Ordinal);
        Assert.Single(_gate.Uses);
        Assert.Empty(_gate.Preflights);
    }

    [Theory]
    [InlineData("i understand the risks", "YES", "'I UNDERSTAND THE RISKS' was not typed exactly")]
    [InlineData("I UNDERSTAND THE RISKS ", "YES", "'I UNDERSTAND THE RISKS' was not typed exactly")]
    [InlineData("yes", "YES", "'I UNDERSTAND THE RISKS' was not typed exactly")]
    [InlineData(null, "YES", "'I UNDERSTAND THE RISKS' was not typed exactly")]
    [InlineData("I UNDERSTAND THE RISKS", "Y", "launch not confirmed: 'YES' was not typed")]
    public async Task LiveSkipWithoutTheSentenceOrTheConfirmationIsRefusedWith1(string? sentence, string? yes, string cause)
    {
        var approved = OverrideRecords.Approved(OverrideRequest.SkipHealthCheck);
        _gate.AnswerOverride(approved).AcceptUse(approved);

        var result = await RunAsync(new TestTerminal(interactive: true).Type(() => sentence).Type(() => yes), "live");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(cause, result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Uses);
        Assert.Contains("refused", _reports.LogLines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("decision").GetString()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LiveSkipWithNobodyToTypeTheSentenceIsRefusedBeforeAskingTheGate(bool terminalButNonInteractive)
    {
        var terminal = new TestTerminal(interactive: terminalButNonInteractive).Type("I UNDERSTAND THE RISKS");

        var result = await RunAsync(terminal, "live", extra: ["--non-interactive", "--yes"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("skip_health_check REFUSED — --skip-health-check in live mode needs 'I UNDERSTAND THE RISKS' typed at an interactive terminal", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, terminal.Prompts);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task AForceStartOverrideCannotSkip()
    {
        _gate.AnswerOverride(OverrideRecords.Approved(OverrideRequest.ForceStart, "paper"));

        var result = await RunAsync(new TestTerminal(interactive: true).Type(""), "paper");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("override 42 is a force_start, not a skip_health_check", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Uses);
    }

    [Fact]
    public async Task WithTheGateDownNothingCanBeVerifiedSoNothingIsSkipped()
    {
        var deadGate = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await new CliRun { Terminal = new TestTerminal(interactive: true).Type("") }.RunAsync(
            ["preflight", "--mode", "paper", "--url", deadGate, "--report-dir", _reports.Path, "--skip-health-check", "--override", "42"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("skip_health_check REFUSED — override 42 could not be read: the gate at", result.Error, StringComparison.Ordinal);
        Assert.Contains("is unreachable", result.Error, StringComparison.Ordinal);
        Assert.Equal("refused", JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task AUseAnsweredWith409IsRefusedWith1()
    {
        _gate.AnswerOverride(OverrideRecords.Approved(OverrideRequest.SkipHealthCheck, "paper"))
            .AnswerUse(OverrideRecords.Id, 409, """{"title":"Conflict","detail":"override 42 is not approved"}""");

        var result = await RunAsync(new TestTerminal(interactive: true).Type(""), "paper");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the gate did not let override 42 be used: 409: override 42 is not approved", result.Error, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(TestTerminal terminal, string mode, string? apiKey = null, string[]? extra = null) =>
        new CliRun { Terminal = terminal, ApiKey = apiKey }.RunAsync(
            ["preflight", "--mode", mode, "--url", _gate.Url, "--report-dir", _reports.Path, "--skip-health-check", "--override", "42", .. extra ?? []]);
}
