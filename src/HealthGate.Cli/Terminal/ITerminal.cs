using Spectre.Console;

namespace HealthGate.Cli.Terminal;

/// <summary>The operator's terminal, behind an interface so tests drive the interactive paths without a real TTY.</summary>
internal interface ITerminal
{
    /// <summary>True only when a person can read the banners and answer the prompts.</summary>
    bool IsInteractive { get; }

    /// <summary>Standard output, raw: the machine-readable JSON goes here untouched.</summary>
    TextWriter Out { get; }

    /// <summary>Standard output for people: tables, banners and the spinner.</summary>
    IAnsiConsole Ansi { get; }

    /// <summary>Standard error: the one-line cause of an abort or a refusal.</summary>
    TextWriter Error { get; }

    /// <summary>One line typed by the operator; null at the end of input.</summary>
    string? ReadLine();
}
