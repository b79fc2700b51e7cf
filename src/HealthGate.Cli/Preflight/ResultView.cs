using HealthGate.Cli.Gate;
using HealthGate.Cli.Overrides;
using HealthGate.Cli.Reports;
using HealthGate.Cli.Terminal;
using Spectre.Console;

namespace HealthGate.Cli.Preflight;

/// <summary>What the operator reads: the table of checks, then the verdict banner with what to do next.</summary>
internal static class ResultView
{
    public static void ShowTable(IAnsiConsole console, PreflightReport report)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(report);
        var table = new Table { Border = TableBorder.Rounded, Title = new TableTitle(Markup.Escape($"Preflight {report.Mode} — run {report.RunId}")) };
        table.AddColumns("Check", "Tier", "Result", "Duration", "Reason", "Description");
        table.Columns[3].RightAligned();
        foreach (var check in MarkdownReport.RootCausesFirst(report.Checks))
        {
            table.AddRow(
                new Text(check.Name),
                new Text(check.Tier),
                new Text(MarkdownReport.OutcomeText(check), new Style(OutcomeColor(check), decoration: Decoration.Bold)),
                new Text(MarkdownReport.Milliseconds(check.DurationMs)),
                new Text(check.Reason),
                new Text(OneLine.Of(check.Description, 200)));
        }

        console.Write(table);
    }

    public static void ShowVerdict(IAnsiConsole console, PreflightReport report, string reportFile, long? forceStartOverride)
    {
        ArgumentNullException.ThrowIfNull(report);
        var footer = new[]
        {
            $"Run {report.RunId} · config {report.ConfigHash ?? "not reported"} · expires {(report.ExpiresAt is { } e ? Timestamps.ToText(e) : "not reported")}",
            $"Report: {reportFile}",
        };
        switch (report.Verdict)
        {
            case Verdicts.PassToken:
                Banner.Show(console, Color.Green, "PASS — health checks passed", ["Exit code 0: the launch may proceed.", Accepted(report), .. footer]);
                break;
            case Verdicts.P2WarnToken:
                Banner.Show(console, Color.Yellow, "P2 WARN — non-critical warnings, proceeding", [
                    "Exit code 3: the launch may proceed. Note the warnings in the operational notes and schedule a fix.",
                    .. Failed(report, ["P2"], degraded: true), Accepted(report), .. footer]);
                break;
            case Verdicts.P1FailToken:
                Banner.Show(console, Color.Orange1, "P1 FAILURE — core trading functionality may be impaired", [
                    forceStartOverride is { } id
                        ? $"Exit code 2 unless override {id} is approved and used below."
                        : $"Exit code 2: LAUNCH ABORTED for safety. {DoNotStart(report.Mode)}",
                    .. Failed(report, ["P1"], degraded: false),
                    "Options: 1. fix the P1 failures and run again (recommended);",
                    $"         2. an approved override: healthgate override request --kind force-start --mode {report.Mode} --run {report.RunId} --reason TEXT{(OverrideKinds.IsRelaxed(report.Mode) ? "" : " --ticket T --impact TEXT --mitigation TEXT")},",
                    "            approved by each approver with their own credential (healthgate override approve ID),",
                    $"            then healthgate preflight --mode {report.Mode} --force-start --override ID.",
                    .. footer]);
                break;
            default:
                Banner.Show(console, Color.Red, "P0 FAILURE — LAUNCH ABORTED", [
                    $"Infrastructure is broken. {DoNotStart(report.Mode)} Exit code 1.",
                    "P0 failures have no override: fix them and run the preflight again.",
                    .. Failed(report, ["P0"], degraded: false), .. footer]);
                break;
        }
    }

    /// <summary>The mode named, so a live NO-GO never reads like a paper one: DO NOT START LIVE TRADING.</summary>
    public static string DoNotStart(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return $"DO NOT START {mode.ToUpperInvariant()} TRADING.";
    }

    /// <summary>One line per failing check of the given tiers, with its reason and description.</summary>
    public static IEnumerable<string> Failed(PreflightReport report, string[] tiers, bool degraded) =>
        report.Checks
            .Where(c => (tiers.Contains(c.Tier) && c.IsUnhealthy) || (degraded && c.Status == ReportedCheck.Degraded))
            .OrderBy(c => c.IsBlocked)
            .Select(c => $"  {c.Outcome} {c.Name} ({c.Tier}, {c.Reason}{(c.IsBlocked ? $", blocked by {string.Join(", ", c.BlockedBy)}" : "")}): {OneLine.Of(c.Description, 160)}");

    /// <summary>Shown only after <c>GoAcceptance</c> let the GO through: what was checked before the launch may proceed on it.</summary>
    private static string Accepted(PreflightReport report) =>
        $"Checked: started within this request, valid {(report.ExpiresAt - report.StartedAt)?.TotalSeconds:0.###} s, counts agree with the checks, recorded by the gate (read back).";

    private static Color OutcomeColor(ReportedCheck check) => check.Status switch
    {
        ReportedCheck.Healthy => Color.Green,
        ReportedCheck.Degraded => Color.Yellow,
        _ => Color.Red,
    };
}
