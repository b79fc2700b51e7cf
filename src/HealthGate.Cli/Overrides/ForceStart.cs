using HealthGate.Cli.Gate;
using HealthGate.Cli.Preflight;
using HealthGate.Cli.Reports;
using HealthGate.Cli.Terminal;
using Spectre.Console;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// <c>--force-start</c> after the verdict: only a P1_FAIL can be forced, only by a person at a terminal who presses
/// ENTER under the red banner, and only a 201 from the gate's <c>POST /overrides</c> turns it into exit code 0.
/// </summary>
internal sealed class ForceStart(LaunchSession session)
{
    private const string Kind = OverrideRequest.ForceStart;

    public async Task<int> RunAsync(PreflightReport report, string reportFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var terminal = session.Context.Terminal;
        var approval = session.Settings.Approval;
        switch (report.Verdict)
        {
            case Verdicts.P0FailToken:
                return session.Refuse(Kind, "P0 failures have no override; --force-start does not apply", report.ExitCode, report);
            case Verdicts.PassToken or Verdicts.P2WarnToken:
                terminal.Ansi.MarkupLine(Markup.Escape($"Nothing to force: the verdict is {report.Verdict}; no override was recorded."));
                return report.ExitCode;
        }

        if (!terminal.IsInteractive)
        {
            return session.Refuse(Kind, "--force-start needs an interactive terminal: a person must read the banner and press ENTER", Verdicts.AbortExitCode, report);
        }

        Banner.Show(terminal.Ansi, Color.Red, "FORCE START — PROCEEDING WITH P1 FAILURES", [
            $"LAUNCHING {session.Settings.Mode.ToUpperInvariant()} WITH P1 FAILURES IS RISKY: core trading functionality may be impaired.",
            .. ResultView.Failed(report, ["P1"], degraded: false),
            $"This decision is approved by: {string.Join(", ", approval.DistinctApprovers)}",
            $"Operator: {approval.Operator} · Ticket: {approval.Ticket ?? "none"}",
            $"Reason: {approval.Reason}",
            $"It is recorded in the gate's operational log against run {report.RunId}.",
        ]);
        terminal.Ansi.Markup("[bold red]Press ENTER to acknowledge and record the override (anything else aborts):[/] ");
        if (terminal.ReadLine() is not "")
        {
            return session.Refuse(Kind, "the override was not acknowledged; the P1 failures stand", report.ExitCode, report);
        }

        if (report.IsExpiredAt(session.Context.Time.GetUtcNow()))
        {
            return session.Refuse(Kind, $"the verdict of run {report.RunId} expired while waiting; run the preflight again", Verdicts.AbortExitCode, report);
        }

        var request = new OverrideRequest(Kind, report.Mode, report.RunId, approval.Operator!, approval.DistinctApprovers, approval.Reason, approval.Ticket);
        GateAnswer answer;
        try
        {
            answer = await session.Gate.RecordOverrideAsync(request, cancellationToken);
        }
        catch (GateAbortException ex)
        {
            return session.Refuse(Kind, $"the override could not be recorded: {ex.Message}", report.ExitCode, report);
        }

        if (!answer.IsCreated)
        {
            return session.Refuse(Kind, $"the gate did not record the override: {answer.Cause}", report.ExitCode, report);
        }

        session.TryLog(session.Entry(Kind, "proceed", 0, report) with { Cause = "recorded by the gate (HTTP 201)" });
        TryAppendToReport(reportFile, report, request);
        Banner.Show(terminal.Ansi, Color.Red, "FORCE START RECORDED — PROCEEDING WITH P1 FAILURES", [
            "Exit code 0. Monitor the session closely and open a ticket to fix the P1 failures.",
        ]);
        return 0;
    }

    private void TryAppendToReport(string reportFile, PreflightReport report, OverrideRequest request)
    {
        try
        {
            ReportDirectory.Append(reportFile, $"""

                ## Override

                `force_start` recorded by the gate at {Timestamps.ToText(session.Context.Time.GetUtcNow())} for run `{report.RunId}`.
                Operator: {request.Operator}. Approvers: {string.Join(", ", request.Approvers ?? [])}. Ticket: {request.Ticket ?? "none"}. Reason: {OneLine.Of(request.Reason, 500)}.

                """);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            session.Context.Terminal.Error.WriteLine($"healthgate: warning: the override is recorded, but the report {reportFile} could not be amended: {OneLine.Of(ex.Message)}");
        }
    }
}
