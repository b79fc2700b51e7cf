using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests;

/// <summary>
/// The built CLI loads ICU (for comparing names) but pins its cultures to the invariant one: started in a German
/// locale it still speaks as documented, not in the translations its command-line library ships.
/// </summary>
public sealed class PinnedCultureTests
{
    [Fact]
    public async Task StartedInAGermanLocaleTheCliStillSpeaksAsDocumented()
    {
        var german = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" };

        var (exitCode, _, stderr) = await CliProcess.RunRedirectedAsync(german, "preflight", "--mode", "live", "--no-such-option");

        Assert.Equal(1, exitCode);
        Assert.Contains("Unrecognized command or argument '--no-such-option'", stderr, StringComparison.Ordinal);
    }
}
