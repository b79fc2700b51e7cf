using HealthGate.Cli.Preflight;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests;

/// <summary>Usage errors exit 1 before anything is asked of the gate, and say what is wrong.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "preflight" }, "--mode")]
    [InlineData(new[] { "preflight", "--mode", "live", "--force-start", "--skip-health-check", "--override", "1" }, "exclude each other")]
    [InlineData(new[] { "preflight", "--mode", "live", "--json", "--force-start", "--override", "1" }, "cannot be combined")]
    [InlineData(new[] { "preflight", "--mode", "live", "--url", "127.0.0.1:5080" }, "not an absolute http:// or https:// address")]
    [InlineData(new[] { "preflight", "--mode", "live", "--timeout", "0" }, "--timeout must be between 1 and 3600 seconds")]
    [InlineData(new[] { "preflight", "--mode", "../etc" }, "is not a mode name")]
    [InlineData(new[] { "preflight", "--mode", "live", "--force-start" }, "--force-start needs --override ID")]
    [InlineData(new[] { "preflight", "--mode", "live", "--skip-health-check" }, "--skip-health-check needs --override ID")]
    [InlineData(new[] { "preflight", "--mode", "live", "--override", "42" }, "--override goes with --force-start or --skip-health-check")]
    [InlineData(new[] { "preflight", "--mode", "live", "--force-start", "--override", "42", "--wait", "0" }, "--wait needs --override and must be between 1 and 3600 seconds")]
    [InlineData(new[] { "preflight", "--mode", "live", "--wait", "10" }, "--wait needs --override")]
    [InlineData(new[] { "preflight", "--mode", "live", "--force-start", "--override", "0" }, "--override must be a positive override id")]
    [InlineData(new[] { "preflight", "--mode", "live", "--yes" }, "--yes needs --non-interactive")]
    [InlineData(new[] { "override", "approve" }, "Required argument missing for command: 'approve'")]
    [InlineData(new[] { "override", "approve", "abc" }, "abc")]
    [InlineData(new[] { "audit", "verify", "--url", "gate:5080" }, "not an absolute http:// or https:// address")]
    [InlineData(new[] { "launch" }, "launch")]
    public async Task UsageErrorsExitWith1AndNameTheProblem(string[] args, string message)
    {
        var result = await new CliRun().RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--operator", "alice")]
    [InlineData("--approver", "Risk Manager Bob")]
    public async Task TheOldTypedNamesAreRefusedNamingTheNewFlow(string option, string name)
    {
        var result = await new CliRun().RunAsync(["preflight", "--mode", "live", "--force-start", "--override", "42", option, name]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{option} is no longer accepted", result.Error, StringComparison.Ordinal);
        Assert.Contains("approvals are given by each approver with their own credential: healthgate override approve ID", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--ticket", "OPS-1")]
    [InlineData("--reason", "known issue")]
    public async Task TicketAndReasonNowBelongToTheOverrideRequest(string option, string value)
    {
        var result = await new CliRun().RunAsync(["preflight", "--mode", "live", option, value]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{option} belongs to the override now: healthgate override request", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paper", 30)]
    [InlineData("live", 60)]
    [InlineData("integration", 60)]
    public void DefaultTimeoutIs30SecondsForPaperAnd60ForTheFullSuite(string mode, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), PreflightSettings.DefaultTimeout(mode));

    [Theory]
    [InlineData(new[] { "preflight", "--help" }, new[] { "--mode", "--url", "--timeout", "--report-dir", "--json", "--force-start", "--skip-health-check", "--override", "--wait", "--key-file", "--non-interactive", "--yes" })]
    [InlineData(new[] { "override", "request", "--help" }, new[] { "--kind", "--mode", "--run", "--reason", "--ticket", "--impact", "--mitigation", "--url", "--key-file" })]
    [InlineData(new[] { "override", "approve", "--help" }, new[] { "ID", "--reject", "--comment", "--url", "--key-file" })]
    [InlineData(new[] { "audit", "verify", "--help" }, new[] { "--url", "--signing-key-file", "--key-file" })]
    public async Task HelpListsEveryOption(string[] args, string[] options)
    {
        var result = await new CliRun().RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in options)
        {
            Assert.Contains(option, result.Out, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("--operator", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("--approver", result.Out, StringComparison.Ordinal);
    }
}
