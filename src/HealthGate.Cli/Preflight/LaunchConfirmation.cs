using HealthGate.Cli.Gate;
using HealthGate.Cli.Reports;
using Spectre.Console;

namespace HealthGate.Cli.Preflight;

/// <summary>
/// The operations documents' last step of a live launch: the operator types <c>YES</c>. Without a person to ask,
/// only <c>--non-interactive --yes</c> confirms, and is logged as such. Paper launches are not asked. Every answer is
/// kept in the local operational log; a confirmation that cannot be logged does not count.
/// </summary>
internal sealed class LaunchConfirmation(LaunchSession session)
{
    public const string Word = "YES";

    private const string Kind = OperationalLogEntry.LaunchConfirmation;

    /// <summary>True when the launch may go on: paper, or a live launch confirmed and logged.</summary>
    public bool Confirm(PreflightReport? report, OverrideRecord? record = null)
    {
        var settings = session.Settings;
        if (settings.IsRelaxed)
        {
            return true;
        }

        string how;
        if (settings.NonInteractive)
        {
            if (!settings.Yes)
            {
                return Refused($"launch not confirmed: with --non-interactive a {settings.Mode} launch is confirmed only by --yes", report, record);
            }

            how = "given non-interactively (--non-interactive --yes)";
        }
        else if (!session.Context.Terminal.IsInteractive)
        {
            return Refused(
                $"launch not confirmed: a {settings.Mode} launch ends with the operator typing {Word} at a terminal; without one, confirm with --non-interactive --yes (logged as a non-interactive confirmation)",
                report,
                record);
        }
        else
        {
            Prompt($"Type '{Word}' to confirm: ");
            if (session.Context.Terminal.ReadLine() != Word)
            {
                return Refused($"launch not confirmed: '{Word}' was not typed", report, record);
            }

            how = $"typed {Word} at the terminal";
        }

        if (!session.TryLog(session.Entry(Kind, "proceed", 0, report, record) with { Confirmation = how }))
        {
            return Refused("launch not confirmed: the confirmation could not be written to the local operational log", report, record);
        }

        return true;
    }

    private bool Refused(string cause, PreflightReport? report, OverrideRecord? record)
    {
        session.Refuse(Kind, cause, report, record);
        return false;
    }

    /// <summary>With <c>--json</c> standard output is the JSON alone, so the question goes to standard error.</summary>
    private void Prompt(string text)
    {
        var terminal = session.Context.Terminal;
        if (session.Settings.Json)
        {
            terminal.Error.Write(text);
            terminal.Error.Flush();
        }
        else
        {
            terminal.Ansi.Markup($"[bold red]{Markup.Escape(text)}[/]");
        }
    }
}
