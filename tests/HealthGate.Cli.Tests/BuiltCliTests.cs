using System.Text.Json;
using HealthGate.Cli.Tests.Audit;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests;

/// <summary>The built healthgate binary with the real console: exit codes reach the shell, and a TTY is told from a pipe.</summary>
public sealed class BuiltCliTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private const char Escape = '\u001b';

    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _reports = new();

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task TheProcessExitCodeIsTheVerdictsAndJsonIsAllOfStandardOutput()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow));

        var (exitCode, stdout, stderr) = await CliProcess.RunRedirectedAsync(
            new Dictionary<string, string>(), "preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--json");

        Assert.Equal(2, exitCode);
        Assert.Equal("P1_FAIL", JsonDocument.Parse(stdout).RootElement.GetProperty("verdict").GetString());
        Assert.Equal("", stderr);
    }

    [Fact]
    public async Task ForceStartThroughAPipeIsNotConfirmedWithoutNonInteractiveYesAndNothingIsUsed()
    {
        var approved = OverrideRecords.Approved();
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(approved).AcceptUse(approved);

        var (exitCode, _, stderr) = await CliProcess.RunRedirectedAsync(
            new Dictionary<string, string>(), ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--force-start", "--override", "42"]);

        Assert.Equal(1, exitCode);
        Assert.Contains("launch not confirmed", stderr, StringComparison.Ordinal);
        Assert.Empty(_gate.Uses);
    }

    [Fact]
    public async Task ForceStartOnARealTerminalWaitsForEnterThenYesThenUsesTheOverrideAndExits0()
    {
        var approved = OverrideRecords.Approved();
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow)).AnswerOverride(approved).AcceptUse(approved);
        using var cli = CliProcess.StartOnTerminal(
            new Dictionary<string, string> { ["HEALTHGATE_API_KEY"] = "tty-key" },
            ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--force-start", "--override", "42"]);

        await cli.WaitForOutputAsync("Press ENTER to acknowledge");
        Assert.Contains("Jane Smith (risk-manager), Bob Jones (cto)", cli.Output, StringComparison.Ordinal);
        await cli.TypeAsync("");
        await cli.WaitForOutputAsync("Type 'YES' to confirm:");
        Assert.Empty(_gate.Uses);
        await cli.TypeAsync("YES");

        Assert.Equal(0, await cli.WaitForExitAsync());
        Assert.Contains("OVERRIDE USED", cli.Output, StringComparison.Ordinal);
        var use = Assert.Single(_gate.Uses);
        Assert.Equal("tty-key", use.ApiKey);
        Assert.Equal(CannedPreflight.RunId, JsonDocument.Parse(use.Body).RootElement.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task LiveSkipOnARealTerminalNeedsTheSentenceAndYesTyped()
    {
        var approved = OverrideRecords.Approved(OverrideRequest.SkipHealthCheck);
        _gate.AnswerOverride(approved).AcceptUse(approved);
        using var cli = CliProcess.StartOnTerminal(
            new Dictionary<string, string>(),
            ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--skip-health-check", "--override", "42"]);

        await cli.WaitForOutputAsync("to continue:");
        await cli.TypeAsync("I UNDERSTAND THE RISKS");
        await cli.WaitForOutputAsync("Type 'YES' to confirm:");
        await cli.TypeAsync("YES");

        Assert.Equal(0, await cli.WaitForExitAsync());
        Assert.Single(_gate.Uses);
        Assert.Empty(_gate.Preflights);
        Assert.Equal(["launch_confirmation", "skip_health_check"], _reports.LogLines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task AuditVerifyThroughAPipeWritesNoEscapeCodes()
    {
        _gate.AnswerOpLog(AuditVerifyTests.Chain(3));

        var (exitCode, stdout, stderr) = await CliProcess.RunRedirectedAsync(
            new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" }, "audit", "verify", "--url", _gate.Url);

        Assert.True(exitCode == 0, stderr);
        Assert.StartsWith("3 entries, chain intact, head ", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Escape, stdout + stderr);
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("1", false)]
    public async Task AuditVerifyOnARealTerminalIsColouredUnlessNoColorIsSet(string? noColor, bool coloured)
    {
        _gate.AnswerOpLog(AuditVerifyTests.Chain(3));
        var environment = noColor is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["NO_COLOR"] = noColor };
        using var cli = CliProcess.StartOnTerminal(environment, ["audit", "verify", "--url", _gate.Url]);

        Assert.Equal(0, await cli.WaitForExitAsync());
        Assert.Contains("3 entries, chain intact", cli.Output, StringComparison.Ordinal);
        // Colour is an SGR sequence (ESC [ … m); .NET itself writes other escapes (keypad mode) to any terminal.
        Assert.Equal(coloured, System.Text.RegularExpressions.Regex.IsMatch(cli.Output, @"\x1b\[[0-9;]*m"));
    }
}
