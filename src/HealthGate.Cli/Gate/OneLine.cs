using System.Text.RegularExpressions;

namespace HealthGate.Cli.Gate;

/// <summary>Squeezes text from the gate into one short line, so a cause never spills a page of HTML.</summary>
internal static partial class OneLine
{
    public static string Of(string? text, int max = 120)
    {
        var line = Whitespace().Replace(text ?? "", " ").Trim();
        return line.Length <= max ? line : line[..max] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
