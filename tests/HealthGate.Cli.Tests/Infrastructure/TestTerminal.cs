using HealthGate.Cli.Terminal;
using Spectre.Console;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>A terminal for tests: output captured as plain text, input lines scripted, interactivity chosen.</summary>
internal sealed class TestTerminal : ITerminal
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();
    private readonly Queue<Func<string?>> _input = new();

    public TestTerminal(bool interactive)
    {
        IsInteractive = interactive;
        Ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        Ansi.Profile.Width = 200;
    }

    public bool IsInteractive { get; }

    public TextWriter Out => _out;

    public IAnsiConsole Ansi { get; }

    public TextWriter Error => _error;

    /// <summary>How many times the CLI asked the operator for a line.</summary>
    public int Prompts { get; private set; }

    public string Output => _out.ToString();

    public string Errors => _error.ToString();

    /// <summary>The next line the operator types.</summary>
    public TestTerminal Type(string line) => Type(() => line);

    /// <summary>The next line, computed when the CLI asks (to act at the moment of the prompt).</summary>
    public TestTerminal Type(Func<string?> line)
    {
        _input.Enqueue(line);
        return this;
    }

    public string? ReadLine()
    {
        Prompts++;
        return _input.Count > 0 ? _input.Dequeue()() : null;
    }
}
