using HealthGate.Cli.Gate;
using HealthGate.Cli.Preflight;
using HealthGate.Cli.Terminal;
using Spectre.Console;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// <c>--skip-health-check --override ID</c>: launch without asking the gate for a verdict, on an approved
/// skip_health_check override for this mode. Live also needs the exact sentence typed at a terminal and the launch
/// confirmation. The approvals are evidence only as the gate holds them, so a gate that cannot be asked means no skip.
/// </summary>
internal sealed class SkipHealthCheck(LaunchSession session)
{
    public const string Confirmation = "I UNDERSTAND THE RISKS";

    private const string Kind = OverrideRequest.SkipHealthCheck;

    private readonly OverrideUse _use = new(session, Kind);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var terminal = session.Context.Terminal;
        var settings = session.Settings;
        if (!settings.IsRelaxed && !session.CanPrompt)
        {
            // Refused before anything is asked of the gate: nobody can type the sentence.
            return session.Refuse(Kind, $"--skip-health-check in {settings.Mode} mode needs '{Confirmation}' typed at an interactive terminal");
        }

        var (record, refused) = await _use.ApprovedAsync(null, cancellationToken);
        if (record is null)
        {
            return refused;
        }

        string[] approval = [
            $"Override {record.Id}, approved by: {OverrideText.ApprovedBy(record)}",
            $"Requested by: {OverrideText.Person(record.RequestedBy)} · Ticket: {record.Ticket ?? "none"}",
            $"Reason: {record.Reason ?? "none"}",
            $"Impact: {record.Impact ?? "none"} · Mitigation: {record.Mitigation ?? "none"}",
        ];
        if (settings.IsRelaxed)
        {
            Banner.Show(terminal.Ansi, Color.Yellow, "HEALTH CHECKS SKIPPED (--skip-health-check)", ["This is NOT RECOMMENDED for production use.", .. approval]);
            if (session.CanPrompt)
            {
                terminal.Ansi.Markup("[bold yellow]Press ENTER to acknowledge and use the override (anything else aborts):[/] ");
                if (terminal.ReadLine() is not "")
                {
                    return session.Refuse(Kind, "the override was not acknowledged; the launch is aborted", null, record);
                }
            }
        }
        else
        {
            Banner.Show(terminal.Ansi, Color.Red, "HEALTH CHECKS SKIPPED (--skip-health-check)", [
                $"THIS IS EXTREMELY DANGEROUS FOR {settings.Mode.ToUpperInvariant()} TRADING.",
                "Skipping health checks can result in REAL MONEY LOSS.", .. approval]);
            terminal.Ansi.Markup($"[bold red]Type '{Confirmation}' to continue:[/] ");
            if (terminal.ReadLine() != Confirmation)
            {
                return session.Refuse(Kind, $"'{Confirmation}' was not typed exactly; the launch is aborted", null, record);
            }
        }

        if (!new LaunchConfirmation(session).Confirm(null, record))
        {
            return Verdicts.AbortExitCode;
        }

        var (used, failed) = await _use.UseAsync(record, null, cancellationToken);
        if (used is null)
        {
            return failed;
        }

        session.TryLog(session.Entry(Kind, "proceed", 0, null, used) with { Cause = "used (HTTP 200)" });
        terminal.Ansi.MarkupLine(Markup.Escape($"Health checks skipped under override {used.Id} (approved by {OverrideText.ApprovedBy(used)}); used at the gate. Exit code 0."));
        return 0;
    }
}
