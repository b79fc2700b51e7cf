using HealthGate.Cli.Preflight;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests;

/// <summary>Usage errors exit 1 before anything is asked of the gate, and say what is wrong.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "preflight" }, "--mode")]
    [InlineData(new[] { "preflight", "--mode", "live", "--force-start", "--skip-health-check" }, "exclude each other")]
    [InlineData(new[] { "preflight", "--mode", "live", "--json", "--force-start" }, "cannot be combined")]
    [InlineData(new[] { "preflight", "--mode", "live", "--url", "127.0.0.1:5080" }, "not an absolute http:// or https:// address")]
    [InlineData(new[] { "preflight", "--mode", "live", "--timeout", "0" }, "--timeout must be between 1 and 3600 seconds")]
    [InlineData(new[] { "preflight", "--mode", "../etc" }, "is not a mode name")]
    [InlineData(new[] { "launch" }, "launch")]
    public async Task UsageErrorsExitWith1AndNameTheProblem(string[] args, string message)
    {
        var result = await new CliRun().RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("paper", 30)]
    [InlineData("live", 60)]
    [InlineData("integration", 60)]
    public void DefaultTimeoutIs30SecondsForPaperAnd60ForTheFullSuite(string mode, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), PreflightSettings.DefaultTimeout(mode));

    [Fact]
    public async Task HelpListsEveryOption()
    {
        var result = await new CliRun().RunAsync(["preflight", "--help"]);

        Assert.Equal(0, result.ExitCode);
        foreach (var option in new[] { "--mode", "--url", "--timeout", "--report-dir", "--json", "--force-start", "--skip-health-check", "--operator", "--approver", "--ticket", "--reason" })
        {
            Assert.Contains(option, result.Out, StringComparison.Ordinal);
        }
    }
}
