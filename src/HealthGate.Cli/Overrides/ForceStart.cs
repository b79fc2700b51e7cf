using HealthGate.Cli.Gate;
using HealthGate.Cli.Preflight;
using HealthGate.Cli.Reports;
using HealthGate.Cli.Terminal;
using Spectre.Console;

namespace HealthGate.Cli.Overrides;

/// <summary>
/// <c>--force-start --override ID</c> on a P1_FAIL: the override must be an approved force_start for this mode and
/// configuration, approved for a run whose P1 failures include every one of this run's. The approvers are shown as
/// the gate returned them; a person at a terminal presses ENTER, a live launch is confirmed, and only the gate's 200
/// to <c>POST /overrides/{id}/use</c> turns the P1_FAIL into exit code 0. Anything else is exit 1.
/// </summary>
internal sealed class ForceStart(LaunchSession session)
{
    private const string Kind = OverrideRequest.ForceStart;

    private readonly OverrideUse _use = new(session, Kind);

    /// <summary>The exit code; null when the verdict expired while the approvals were awaited and the preflight should run again.</summary>
    public async Task<int?> RunAsync(PreflightReport report, string reportFile, bool mayRunAgain, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var terminal = session.Context.Terminal;
        var (record, refused) = await _use.ApprovedAsync(report, cancellationToken);
        if (record is null)
        {
            return refused;
        }

        if (!string.Equals(record.ConfigHash, report.ConfigHash, StringComparison.Ordinal))
        {
            return session.Refuse(Kind, $"override {record.Id} was approved for configuration {record.ConfigHash}, run {report.RunId} is of configuration {report.ConfigHash ?? "(not reported)"}", report, record);
        }

        if (Expired(report))
        {
            if (mayRunAgain)
            {
                terminal.Ansi.MarkupLine(Markup.Escape($"The verdict of run {report.RunId} expired while the approvals were awaited; running the preflight again."));
                return null;
            }

            return session.Refuse(Kind, $"the verdict of run {report.RunId} expired while waiting; run the preflight again", report, record);
        }

        if (await UncoveredAsync(record, report, cancellationToken) is { } uncovered)
        {
            return session.Refuse(Kind, uncovered, report, record);
        }

        Banner.Show(terminal.Ansi, Color.Red, "FORCE START — PROCEEDING WITH P1 FAILURES", [
            $"LAUNCHING {session.Settings.Mode.ToUpperInvariant()} WITH P1 FAILURES IS RISKY: core trading functionality may be impaired.",
            "Failures being overridden:",
            .. ResultView.Failed(report, ["P1"], degraded: false),
            $"Override {record.Id}, approved by: {OverrideText.ApprovedBy(record)}",
            $"Requested by: {OverrideText.Person(record.RequestedBy)} · Ticket: {record.Ticket ?? "none"}",
            $"Reason: {record.Reason ?? "none"}",
            $"Impact: {record.Impact ?? "none"} · Mitigation: {record.Mitigation ?? "none"}",
        ]);
        if (session.CanPrompt)
        {
            terminal.Ansi.Markup("[bold red]Press ENTER to acknowledge and use the override (anything else aborts):[/] ");
            if (terminal.ReadLine() is not "")
            {
                return session.Refuse(Kind, "the override was not acknowledged; the P1 failures stand", report, record);
            }
        }

        if (!new LaunchConfirmation(session).Confirm(report, record))
        {
            return Verdicts.AbortExitCode;
        }

        if (Expired(report))
        {
            return session.Refuse(Kind, $"the verdict of run {report.RunId} expired while waiting; run the preflight again (override {record.Id} stays approved until {Timestamps.ToText(record.ExpiresAt)})", report, record);
        }

        var (used, failed) = await _use.UseAsync(record, report, cancellationToken);
        if (used is null)
        {
            return failed;
        }

        session.TryLog(session.Entry(Kind, "proceed", 0, report, used) with { Cause = "used (HTTP 200)" });
        TryAppendToReport(reportFile, used, report);
        Banner.Show(terminal.Ansi, Color.Red, "FORCE START — OVERRIDE USED, PROCEEDING WITH P1 FAILURES", [
            $"Override {used.Id} used for run {report.RunId}. Exit code 0.",
            "Monitor the session closely and open a ticket to fix the P1 failures.",
        ]);
        return 0;
    }

    private bool Expired(PreflightReport report) => report.IsExpiredAt(session.Context.Time.GetUtcNow());

    /// <summary>
    /// The approvers approved overriding the failures of the override's run: a launch run failing another P1 check is
    /// not covered. Null when every P1 failure of this run was failing in that one.
    /// </summary>
    private async Task<string?> UncoveredAsync(OverrideRecord record, PreflightReport report, CancellationToken cancellationToken)
    {
        if (record.RunId is not { Length: > 0 } approvedRun)
        {
            return $"override {record.Id} names no run: a force_start is approved for the failures of one run";
        }

        var failing = report.Failures(CheckTiers.P1).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        if (approvedRun == report.RunId)
        {
            return null;
        }

        PreflightReport approved;
        try
        {
            var answer = await session.Gate.ReadRunAsync(approvedRun, cancellationToken);
            if (answer.Status != 200)
            {
                return $"run {approvedRun}, which override {record.Id} was approved for, could not be read: {answer.Refusal}";
            }

            approved = PreflightReportReader.ReadRecorded(answer.Body);
        }
        catch (GateAbortException ex)
        {
            return $"run {approvedRun}, which override {record.Id} was approved for, could not be read: {ex.Message}";
        }

        failing.ExceptWith(approved.Failures(CheckTiers.P1).Select(c => c.Name));
        return failing.Count == 0
            ? null
            : $"run {report.RunId} fails P1 checks that override {record.Id} was not approved for: {string.Join(", ", failing.Order(StringComparer.Ordinal))} (approved for run {approvedRun})";
    }

    private void TryAppendToReport(string reportFile, OverrideRecord used, PreflightReport report)
    {
        try
        {
            ReportDirectory.Append(reportFile, OverrideSection.Build(used, report.RunId));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            session.Context.Terminal.Error.WriteLine($"healthgate: warning: the override is used, but the report {reportFile} could not be amended: {OneLine.Of(ex.Message)}");
        }
    }
}
