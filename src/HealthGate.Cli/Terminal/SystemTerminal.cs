using Spectre.Console;

namespace HealthGate.Cli.Terminal;

/// <summary>The process's console. Interactive means both stdin and stdout are a terminal, not a pipe or a file.</summary>
internal sealed class SystemTerminal : ITerminal
{
    public bool IsInteractive => !Console.IsInputRedirected && !Console.IsOutputRedirected;

    public TextWriter Out => Console.Out;

    public IAnsiConsole Ansi { get; } = ConsoleOutput.Create(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable);

    public TextWriter Error => Console.Error;

    public string? ReadLine() => Console.ReadLine();
}
