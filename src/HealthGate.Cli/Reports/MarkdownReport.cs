using System.Globalization;
using System.Text;
using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Reports;

/// <summary>The Markdown report of a preflight run: verdict, run id, config hash and the table of checks.</summary>
internal static class MarkdownReport
{
    public static string Build(PreflightReport report, string gate)
    {
        ArgumentNullException.ThrowIfNull(report);
        var b = new StringBuilder();
        var unhealthy = report.Checks.Count(c => c.IsUnhealthy);
        var degraded = report.Checks.Count(c => c.Status == ReportedCheck.Degraded);
        b.Append(CultureInfo.InvariantCulture, $"# Preflight report — {report.Mode.ToUpperInvariant()}\n\n");
        b.Append("| | |\n|---|---|\n");
        Row(b, "Verdict", $"**{report.Verdict}** (exit code {report.ExitCode})");
        Row(b, "Run id", $"`{report.RunId}`");
        Row(b, "Mode", report.Mode);
        Row(b, "Started", report.StartedAt is { } started ? Timestamps.ToText(started) : "not reported");
        Row(b, "Duration", report.DurationMs is { } ms ? Milliseconds(ms) : "not reported");
        Row(b, "Expires", report.ExpiresAt is { } expires ? Timestamps.ToText(expires) : "not reported");
        Row(b, "Config hash", report.ConfigHash is { } hash ? $"`{hash}`" : "not reported");
        Row(b, "Gate", gate);
        Row(b, "Checks", $"{report.Checks.Count} total, {report.Checks.Count - unhealthy - degraded} healthy, {degraded} degraded, {unhealthy} unhealthy");
        b.Append("\n## Checks\n\n");
        b.Append("| Check | Tier | Type | Result | Duration | Reason | Description |\n");
        b.Append("|---|---|---|---|---|---|---|\n");
        foreach (var check in RootCausesFirst(report.Checks))
        {
            b.Append(CultureInfo.InvariantCulture,
                $"| {Cell(check.Name)} | {check.Tier} | {Cell(check.Type)} | {Cell(OutcomeText(check))} | {Milliseconds(check.DurationMs)} | {Cell(check.Reason)} | {Cell(check.Description)} |\n");
        }

        return b.ToString();
    }

    /// <summary>By tier and name, except that a check blocked by another comes after every check that is not.</summary>
    public static IEnumerable<ReportedCheck> RootCausesFirst(IEnumerable<ReportedCheck> checks) =>
        checks.OrderBy(c => c.IsBlocked).ThenBy(c => c.Tier, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal);

    /// <summary>PASS, WARN or FAIL, and what blocks the check when something does.</summary>
    public static string OutcomeText(ReportedCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.IsBlocked ? $"{check.Outcome} (blocked by {string.Join(", ", check.BlockedBy)})" : check.Outcome;
    }

    public static string Milliseconds(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static void Row(StringBuilder b, string name, string value) => b.Append(CultureInfo.InvariantCulture, $"| {name} | {value} |\n");

    /// <summary>A table cell cannot hold a pipe or a line break.</summary>
    public static string Cell(string text) => OneLine.Of(text, 500).Replace("|", "\\|", StringComparison.Ordinal);
}
