using System.Globalization;
using System.Text;
using HealthGate.Configuration;
using HealthGate.Runs;

namespace HealthGate.History;

/// <summary>A preflight run as Markdown, for a change ticket or an audit file: the verdict, the root causes, then one row per check.</summary>
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
        md.Append(CultureInfo.InvariantCulture, $"- **Checks:** {summary.Total} ({summary.Healthy} healthy, {summary.Degraded} degraded, {summary.Unhealthy} unhealthy)\n");
        foreach (var (root, blocked) in RootCauses(run))
        {
            md.Append(CultureInfo.InvariantCulture, $"- **Root cause:** {Cell(root)} (blocks {Cell(string.Join(", ", blocked))})\n");
        }

        md.Append("\n| Check | Tier | Type | Status | Duration (ms) | Reason | Description |\n");
        md.Append("|---|---|---|---|---:|---|---|\n");

        // Root causes first: a check blocked by another comes after every check that is not.
        foreach (var check in run.Checks.OrderBy(c => c.BlockedBy.Count > 0).ThenBy(c => c.Tier).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var status = check.BlockedBy.Count > 0 ? $"{check.Status} (blocked by {Cell(string.Join(", ", check.BlockedBy))})" : check.Status.ToString();
            md.Append(CultureInfo.InvariantCulture,
                $"| {Cell(check.Name)} | {check.Tier} | {Cell(check.Type)} | {status} | {check.DurationMs:F1} | {Cell(check.Reason)} | {Cell(check.Description)} |\n");
        }

        return md.ToString();
    }

    /// <summary>Each check that blocks others, with the checks it blocks, in name order.</summary>
    private static IEnumerable<(string Root, IReadOnlyList<string> Blocked)> RootCauses(PreflightRun run) => run.Checks
        .SelectMany(c => c.BlockedBy.Select(root => (Root: root, Blocked: c.Name)))
        .GroupBy(p => p.Root, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(p => p.Blocked).Order(StringComparer.Ordinal)]));

    private static string Timestamp(DateTimeOffset value) => Timestamps.ToText(value);

    /// <summary>Text from a check may hold pipes or line breaks, which would break the table.</summary>
    private static string Cell(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
