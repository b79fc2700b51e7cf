using Spectre.Console;

namespace HealthGate.Cli.Terminal;

/// <summary>
/// The console for people, shaped by where it goes. A pipe or a file gets no escape codes and cells as wide as their
/// text (Spectre would assume 80 columns and fold them), so a log or a grep reads whole values. <c>NO_COLOR</c>
/// (no-color.org) or <c>TERM=dumb</c> on a terminal gets plain text too.
/// </summary>
internal static class ConsoleOutput
{
    /// <summary>Wide enough for any row the CLI writes (descriptions are cut at 200 characters), so nothing folds.</summary>
    public const int RedirectedWidth = 1024;

    public static IAnsiConsole Create(TextWriter writer, bool redirected, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var plain = redirected
            || !string.IsNullOrEmpty(environment("NO_COLOR"))
            || string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Yes,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
