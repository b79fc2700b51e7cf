using Spectre.Console;

namespace HealthGate.Cli.Terminal;

/// <summary>A framed, coloured block that an operator cannot miss; the text is never read as markup.</summary>
internal static class Banner
{
    public static void Show(IAnsiConsole console, Color color, string title, IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(console);
        var body = new Rows(lines.Select(line => new Text(line, new Style(color))));
        var panel = new Panel(body)
        {
            Header = new PanelHeader($"[bold {color.ToMarkup()}] {Markup.Escape(title)} [/]"),
            Border = BoxBorder.Double,
            BorderStyle = new Style(color),
            Expand = false,
        };
        console.Write(panel);
    }
}
