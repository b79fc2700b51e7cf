using HealthGate.Cli.Gate;
using HealthGate.Cli.Preflight;
using HealthGate.Cli.Terminal;
using Spectre.Console;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// <c>--skip-health-check</c>: launch without asking the gate for a verdict. A person at a terminal only; live also
/// needs the exact sentence typed. Always kept in the local operational log; recorded by the gate when it answers,
/// and refused when the gate answers no.
/// </summary>
internal sealed class SkipHealthCheck(LaunchSession session)
{
    public const string Confirmation = "I UNDERSTAND THE RISKS";

    private const string Kind = OverrideRequest.SkipHealthCheck;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var terminal = session.Context.Terminal;
        var settings = session.Settings;
        var approval = settings.Approval;
        if (approval.Missing(settings.Mode) is { Count: > 0 } missing)
        {
            return session.Refuse(Kind, $"--skip-health-check in {settings.Mode} mode needs {string.Join(", ", missing)}", Verdicts.AbortExitCode);
        }

        if (!terminal.IsInteractive)
        {
            return session.Refuse(Kind, "--skip-health-check needs an interactive terminal: a person must read the warning and confirm", Verdicts.AbortExitCode);
        }

        var approvedBy = $"Approved by: {string.Join(", ", approval.DistinctApprovers)} · Operator: {approval.Operator} · Ticket: {approval.Ticket ?? "none"}";
        if (string.Equals(settings.Mode, Approval.RelaxedMode, StringComparison.OrdinalIgnoreCase))
        {
            Banner.Show(terminal.Ansi, Color.Yellow, "HEALTH CHECKS SKIPPED (--skip-health-check)", [
                "This is NOT RECOMMENDED for production use.", approvedBy, $"Reason: {approval.Reason}"]);
        }
        else
        {
            Banner.Show(terminal.Ansi, Color.Red, "HEALTH CHECKS SKIPPED (--skip-health-check)", [
                $"THIS IS EXTREMELY DANGEROUS FOR {settings.Mode.ToUpperInvariant()} TRADING.",
                "Skipping health checks can result in REAL MONEY LOSS.", approvedBy, $"Reason: {approval.Reason}"]);
            terminal.Ansi.Markup($"[bold red]Type '{Confirmation}' to continue:[/] ");
            if (terminal.ReadLine() != Confirmation)
            {
                return session.Refuse(Kind, $"'{Confirmation}' was not typed exactly; the launch is aborted", Verdicts.AbortExitCode);
            }
        }

        var request = new OverrideRequest(Kind, settings.Mode, null, approval.Operator!, approval.DistinctApprovers, approval.Reason, approval.Ticket);
        string recorded;
        try
        {
            var answer = await session.Gate.RecordOverrideAsync(request, cancellationToken);
            if (answer.Status is >= 400 and < 500)
            {
                return session.Refuse(Kind, $"the gate refused the skip: {answer.Cause}", Verdicts.AbortExitCode);
            }

            recorded = answer.IsCreated ? "recorded by the gate (HTTP 201)" : $"not recorded by the gate: {answer.Cause}";
        }
        catch (GateAbortException ex)
        {
            recorded = $"not recorded by the gate: {ex.Message}";
        }

        // The local record is the one that cannot be skipped: without it there is no launch.
        if (!session.TryLog(session.Entry(Kind, "proceed", 0) with { Cause = recorded }))
        {
            terminal.Error.WriteLine($"healthgate: {Kind} REFUSED — the skip could not be logged locally");
            return Verdicts.AbortExitCode;
        }

        terminal.Ansi.MarkupLine(Markup.Escape($"Health checks skipped: logged in {session.Log.Path}; {recorded}. Exit code 0."));
        return 0;
    }
}
