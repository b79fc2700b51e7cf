using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests;

/// <summary>The built healthgate binary with the real console: exit codes reach the shell, and a TTY is told from a pipe.</summary>
public sealed class BuiltCliTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private static readonly string[] LiveApproval =
        ["--operator", "alice", "--approver", "Risk Manager Bob", "--approver", "CTO Carol", "--ticket", "OPS-1234", "--reason", "known flake"];

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
    public async Task ForceStartThroughAPipeIsRefusedBecauseNoOneIsAtATerminal()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow));

        var (exitCode, _, stderr) = await CliProcess.RunRedirectedAsync(
            new Dictionary<string, string>(), ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--force-start", .. LiveApproval]);

        Assert.Equal(1, exitCode);
        Assert.Contains("--force-start needs an interactive terminal", stderr, StringComparison.Ordinal);
        Assert.Empty(_gate.Overrides);
    }

    [Fact]
    public async Task ForceStartOnARealTerminalWaitsForEnterThenRecordsAndExits0()
    {
        _gate.AnswerPreflight(CannedPreflight.P1Fail(DateTimeOffset.UtcNow));
        using var cli = CliProcess.StartOnTerminal(
            new Dictionary<string, string> { ["HEALTHGATE_API_KEY"] = "tty-key" },
            ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--force-start", .. LiveApproval]);

        await cli.WaitForOutputAsync("Press ENTER to acknowledge");
        Assert.Empty(_gate.Overrides);
        await cli.TypeAsync("");

        Assert.Equal(0, await cli.WaitForExitAsync());
        Assert.Contains("FORCE START RECORDED", cli.Output, StringComparison.Ordinal);
        var sent = Assert.Single(_gate.Overrides);
        Assert.Equal("tty-key", sent.ApiKey);
        Assert.Equal(CannedPreflight.RunId, JsonDocument.Parse(sent.Body).RootElement.GetProperty("runId").GetString());
    }

    [Fact]
    public async Task LiveSkipOnARealTerminalNeedsTheSentenceTyped()
    {
        using var cli = CliProcess.StartOnTerminal(
            new Dictionary<string, string>(),
            ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _reports.Path, "--skip-health-check", .. LiveApproval]);

        await cli.WaitForOutputAsync("to continue:");
        await cli.TypeAsync("I UNDERSTAND THE RISKS");

        Assert.Equal(0, await cli.WaitForExitAsync());
        Assert.Equal("skip_health_check", JsonDocument.Parse(Assert.Single(_gate.Overrides).Body).RootElement.GetProperty("kind").GetString());
        Assert.Single(_reports.LogLines());
    }
}
