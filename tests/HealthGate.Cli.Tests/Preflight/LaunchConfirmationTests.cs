using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Preflight;

/// <summary>
/// The operator's confirmation that ends a live launch: YES typed at a terminal, or --non-interactive --yes (logged as
/// such) without one. Paper launches are not asked. NO-GO banners name the mode.
/// </summary>
public sealed class LaunchConfirmationTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task ALivePassAtATerminalAsksForYesAndExits0WhenItIsTyped()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));
        var terminal = new TestTerminal(interactive: true).Type("YES");

        var result = await RunAsync(terminal, "live");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(1, terminal.Prompts);
        Assert.Contains("Type 'YES' to confirm:", result.Out, StringComparison.Ordinal);
        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("launch_confirmation", entry.GetProperty("event").GetString());
        Assert.Equal("proceed", entry.GetProperty("decision").GetString());
        Assert.Equal("typed YES at the terminal", entry.GetProperty("confirmation").GetString());
        Assert.Equal(CannedPreflight.RunId, entry.GetProperty("runId").GetString());
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("YES ")]
    [InlineData("Y")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ALivePassIsNotLaunchedUnlessExactlyYesIsTyped(string? typed)
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));

        var result = await RunAsync(new TestTerminal(interactive: true).Type(() => typed), "live");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("healthgate: launch_confirmation REFUSED — launch not confirmed: 'YES' was not typed\n", result.Error);
        Assert.Equal("refused", JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement.GetProperty("decision").GetString());
    }

    [Fact]
    public async Task AP2WarnIsConfirmedTooAndKeepsItsExitCode()
    {
        _gate.AnswerFreshRun(CannedPreflight.Json("live", "P2_WARN", DateTimeOffset.UtcNow.AddSeconds(60), ("core", "P0", "Healthy"), ("disk", "P2", "Unhealthy")));

        var unconfirmed = await RunAsync(new TestTerminal(interactive: false), "live");
        var confirmed = await RunAsync(new TestTerminal(interactive: false), "live", "--non-interactive", "--yes");

        Assert.Equal(1, unconfirmed.ExitCode);
        Assert.Equal(3, confirmed.ExitCode);
    }

    [Fact]
    public async Task ALiveGoWithoutATerminalAndWithoutTheFlagsExits1SayingHowToConfirm()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));
        var terminal = new TestTerminal(interactive: false).Type("YES");

        var result = await RunAsync(terminal, "live");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(0, terminal.Prompts);
        Assert.Contains("launch not confirmed: a live launch ends with the operator typing YES at a terminal; without one, confirm with --non-interactive --yes", result.Error, StringComparison.Ordinal);
        Assert.Single(_reports.Reports());
    }

    [Fact]
    public async Task NonInteractiveYesConfirmsWithoutAPromptAndIsLoggedAsNonInteractive()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));
        var terminal = new TestTerminal(interactive: true);

        var result = await RunAsync(terminal, "live", "--non-interactive", "--yes");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(0, terminal.Prompts);
        var entry = JsonDocument.Parse(Assert.Single(_reports.LogLines())).RootElement;
        Assert.Equal("launch_confirmation", entry.GetProperty("event").GetString());
        Assert.Equal("given non-interactively (--non-interactive --yes)", entry.GetProperty("confirmation").GetString());
    }

    [Fact]
    public async Task NonInteractiveWithoutYesDoesNotConfirm()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));
        var terminal = new TestTerminal(interactive: true).Type("YES");

        var result = await RunAsync(terminal, "live", "--non-interactive");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(0, terminal.Prompts);
        Assert.Contains("launch not confirmed: with --non-interactive a live launch is confirmed only by --yes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task YesWithoutNonInteractiveIsAUsageError()
    {
        var result = await RunAsync(new TestTerminal(interactive: false), "live", "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--yes needs --non-interactive", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task JsonForLiveWithoutATerminalStillNeedsTheFlags()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));

        var refused = await RunAsync(new TestTerminal(interactive: false), "live", "--json");
        var confirmed = await RunAsync(new TestTerminal(interactive: false), "live", "--json", "--non-interactive", "--yes");

        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("PASS", JsonDocument.Parse(refused.Out).RootElement.GetProperty("verdict").GetString());
        Assert.Equal(0, confirmed.ExitCode);
        Assert.Equal("PASS", JsonDocument.Parse(confirmed.Out).RootElement.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task JsonAtATerminalAsksOnStandardErrorSoStandardOutputStaysJson()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow));

        var result = await RunAsync(new TestTerminal(interactive: true).Type("YES"), "live", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("PASS", JsonDocument.Parse(result.Out).RootElement.GetProperty("verdict").GetString());
        Assert.Contains("Type 'YES' to confirm:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PaperIsNotAskedAndLogsNothing()
    {
        _gate.AnswerFreshRun(CannedPreflight.Pass(DateTimeOffset.UtcNow, mode: "paper"));
        var terminal = new TestTerminal(interactive: true);

        var result = await RunAsync(terminal, "paper");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, terminal.Prompts);
        Assert.Empty(_reports.LogLines());
    }

    [Fact]
    public async Task ALiveNoGoNeedsNoConfirmationAndKeepsItsExitCode()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow));
        var terminal = new TestTerminal(interactive: true);

        var result = await RunAsync(terminal, "live");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(0, terminal.Prompts);
        Assert.Contains("DO NOT START LIVE TRADING", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("live", "DO NOT START LIVE TRADING", "DO NOT START PAPER TRADING")]
    [InlineData("paper", "DO NOT START PAPER TRADING", "DO NOT START LIVE TRADING")]
    public async Task AP0BannerNamesTheModeThatMustNotStart(string mode, string said, string notSaid)
    {
        _gate.AnswerPreflight(CannedPreflight.P0Fail(DateTimeOffset.UtcNow, mode));

        var result = await RunAsync(new TestTerminal(interactive: true), mode);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("P0 FAILURE — LAUNCH ABORTED", result.Out, StringComparison.Ordinal);
        Assert.Contains(said, result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(notSaid, result.Out, StringComparison.Ordinal);
    }

    private Task<CliResult> RunAsync(TestTerminal terminal, string mode, params string[] extra) =>
        new CliRun { Terminal = terminal }.RunAsync(["preflight", "--mode", mode, "--url", _gate.Url, "--report-dir", _reports.Path, .. extra]);
}
