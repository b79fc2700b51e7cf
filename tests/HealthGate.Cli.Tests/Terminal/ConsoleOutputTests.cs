using HealthGate.Cli.Terminal;
using HealthGate.Cli.Tests.Infrastructure;
using Spectre.Console;

namespace HealthGate.Cli.Tests.Terminal;

/// <summary>
/// What the CLI writes for people when nobody watches a terminal: no escape codes and whole cells, whether the output
/// is a pipe (the built CLI as a process) or a terminal with NO_COLOR or TERM=dumb.
/// </summary>
public sealed class ConsoleOutputTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private const char Escape = '\u001b';

    // Longer than Spectre's assumed 80 columns once the other columns take their share: folded or cut without the fix.
    private const string LongCheckName = "market-data-feed-primary-venue-london-equities-level-two-depth";

    private static readonly string[] LiveTiers = ["P0", "P1"];

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task RedirectedOutputHasNoEscapeCodesAndWholeCells()
    {
        _standIn.Respond("/redirected/core", 200, "ok");
        _standIn.Respond("/redirected/feed", 503, "down");
        using var directory = new TempDirectory();
        var config = directory.WriteConfig(new
        {
            HealthGate = new
            {
                Checks = new Dictionary<string, object>
                {
                    ["core"] = new { Type = "http", Tier = "P0", Url = _standIn.Url("/redirected/core") },
                    [LongCheckName] = new { Type = "http", Tier = "P1", Url = _standIn.Url("/redirected/feed") },
                },
                Modes = new { live = new { Tiers = LiveTiers } },
            },
        });
        await using var service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });

        var (exitCode, stdout, stderr) = await CliProcess.RunRedirectedAsync(
            new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["COLORTERM"] = "truecolor" },
            "preflight", "--mode", "live", "--url", service.BaseUrl!, "--report-dir", Path.Combine(directory.Path, "reports"));

        Assert.True(exitCode == 2, $"exit code {exitCode}: {stderr}\n{stdout}");
        Assert.DoesNotContain(Escape, stdout);
        Assert.DoesNotContain(Escape, stderr);
        // The table's row holds the whole name and its reason on one line (the banner names the check again below).
        var row = Assert.Single(stdout.Split('\n'), line => line.StartsWith('│') && line.Contains(LongCheckName, StringComparison.Ordinal));
        Assert.Contains("unexpected_status", row, StringComparison.Ordinal);
        Assert.DoesNotContain("…", stdout, StringComparison.Ordinal);
        Assert.Contains("P1 FAILURE", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, "xterm")]
    [InlineData(false, "1", "xterm")]
    [InlineData(false, null, "dumb")]
    public void PlainOutputWritesNoEscapeCodes(bool redirected, string? noColor, string term)
    {
        var text = Write(redirected, new() { ["NO_COLOR"] = noColor, ["TERM"] = term });

        Assert.DoesNotContain(Escape, text);
        Assert.Contains("P0 FAILURE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ATerminalWithoutNoColorGetsColour()
    {
        var text = Write(redirected: false, new() { ["NO_COLOR"] = null, ["TERM"] = "xterm" });

        Assert.Contains(Escape, text);
    }

    [Fact]
    public void AnEmptyNoColorIsNotSet()
    {
        // no-color.org: set to a non-empty value; an empty one leaves colour on.
        var text = Write(redirected: false, new() { ["NO_COLOR"] = "", ["TERM"] = "xterm" });

        Assert.Contains(Escape, text);
    }

    private static string Write(bool redirected, Dictionary<string, string?> environment)
    {
        using var writer = new StringWriter();
        var console = ConsoleOutput.Create(writer, redirected, name => environment.GetValueOrDefault(name));
        Banner.Show(console, Color.Red, "P0 FAILURE — LAUNCH ABORTED", ["Infrastructure is broken."]);
        console.Write(new Text("Unhealthy", new Style(Color.Red, decoration: Decoration.Bold)));
        return writer.ToString();
    }
}
