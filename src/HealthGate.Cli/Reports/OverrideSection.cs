using System.Globalization;
using System.Text;
using HealthGate.Cli.Overrides;

namespace HealthGate.Cli.Reports;

/// <summary>The <c>## Override</c> section appended to a run's report once the gate let an override be used for it.</summary>
internal static class OverrideSection
{
    public static string Build(OverrideRecord used, string? runId)
    {
        ArgumentNullException.ThrowIfNull(used);
        var b = new StringBuilder();
        b.Append("\n## Override\n\n");
        b.Append("| | |\n|---|---|\n");
        Row(b, "Override", $"`{used.Id}` ({used.Kind}, {used.Mode}), state {used.State}");
        if (runId is not null)
        {
            Row(b, "Used for run", $"`{runId}`");
        }

        if (used.RunId is { } approvedFor)
        {
            Row(b, "Approved for run", $"`{approvedFor}`");
        }

        Row(b, "Used", $"{(used.UsedAt is { } at ? Timestamps.ToText(at) : "not reported")}{(used.UsedBy is { } by ? $" by {OverrideText.Person(by)}" : "")}");
        Row(b, "Requested by", $"{OverrideText.Person(used.RequestedBy)} at {Timestamps.ToText(used.RequestedAt)}");
        Row(b, "Approvals", used.Approvals.Count == 0 ? "none" : string.Join("; ", used.Approvals.Select(OverrideText.Decision)));
        Row(b, "Ticket", used.Ticket ?? "none");
        Row(b, "Reason", used.Reason ?? "none");
        Row(b, "Impact", used.Impact ?? "none");
        Row(b, "Mitigation", used.Mitigation ?? "none");
        Row(b, "Config hash", $"`{used.ConfigHash}`");
        return b.ToString();
    }

    private static void Row(StringBuilder b, string name, string value) => b.Append(CultureInfo.InvariantCulture, $"| {name} | {MarkdownReport.Cell(value)} |\n");
}
