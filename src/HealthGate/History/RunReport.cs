using System.Globalization;
using System.Text;
using HealthGate.Configuration;
using HealthGate.Preflight;

namespace HealthGate.History;

/// <summary>A preflight run as Markdown, for a change ticket or an audit file: the verdict, then one row per check.</summary>
internal static class RunReport
{
    public static string Markdown(PreflightRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var md = new StringBuilder();
        var verdict = run.Verdict.Token();
        var go = run.Verdict.IsGo() ? "GO" : "NO-GO";
        md.Append(CultureInfo.InvariantCulture, $"# Preflight {run.Mode}: {verdict} ({go})\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Verdict:** {verdict}, exit code {run.ExitCode}\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Mode:** {Cell(run.Mode)}\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Run id:** `{run.RunId}`\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Started:** {Timestamp(run.StartedAt)}\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Expires:** {Timestamp(run.ExpiresAt)}\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Duration:** {run.DurationMs:F1} ms\n");
        md.Append(CultureInfo.InvariantCulture, $"- **Config hash:** `{run.ConfigHash}`\n");
        var summary = run.Summary;
        md.Append(CultureInfo.InvariantCulture, $"- **Checks:** {summary.Total} ({summary.Healthy} healthy, {summary.Degraded} degraded, {summary.Unhealthy} unhealthy)\n\n");
        md.Append("| Check | Tier | Type | Status | Duration (ms) | Reason | Description |\n");
        md.Append("|---|---|---|---|---:|---|---|\n");
        foreach (var check in run.Checks.OrderBy(c => c.Tier).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            md.Append(CultureInfo.InvariantCulture,
                $"| {Cell(check.Name)} | {check.Tier} | {Cell(check.Type)} | {check.Status} | {check.DurationMs:F1} | {Cell(check.Reason)} | {Cell(check.Description)} |\n");
        }

        return md.ToString();
    }

    private static string Timestamp(DateTimeOffset value) => Timestamps.ToText(value);

    /// <summary>Text from a check may hold pipes or line breaks, which would break the table.</summary>
    private static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
