using System.CommandLine;
using HealthGate.Cli.Gate;
using Spectre.Console;

namespace HealthGate.Cli.Overrides;

/// <summary><c>healthgate override</c>: request an override, approve or reject one with your own credential, show one.</summary>
internal static class OverrideCommand
{
    public const int DefaultTimeoutSeconds = 30;

    public static Command Create(CliContext context) =>
        new("override", "The two-person rule: an override is requested, then approved by each approver with their own credential, then used by preflight.")
        {
            RequestCommand.Create(context),
            ApproveCommand.Create(context),
            ShowCommand.Create(context),
        };

    public static Argument<long> IdArgument() => new("ID") { Description = "The override's id, as override request printed it." };

    /// <summary>Prints the override, one line each; the first line in bold.</summary>
    public static void Show(IAnsiConsole console, OverrideRecord record)
    {
        ArgumentNullException.ThrowIfNull(console);
        var first = true;
        foreach (var line in OverrideText.Lines(record))
        {
            console.MarkupLine(first ? $"[bold]{Markup.Escape(line)}[/]" : Markup.Escape(line));
            first = false;
        }
    }

    /// <summary>The override in a 200/201 answer, checked to be the one asked about when an id was given.</summary>
    public static OverrideRecord Read(GateAnswer answer, long? id = null)
    {
        var record = GateJson.Override(answer);
        return id is null || record.Id == id
            ? record
            : throw new GateAbortException($"asked about override {id}, the gate answered override {record.Id}");
    }
}
