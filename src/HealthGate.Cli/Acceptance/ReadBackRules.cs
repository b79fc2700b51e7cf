using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Acceptance;

/// <summary>
/// A GO read back from the gate's history (<c>GET /preflight/runs/{runId}</c>) must be the run that was answered,
/// unchanged: same run id, verdict, mode, configuration, times (to the millisecond the store keeps) and checks.
/// </summary>
internal static class ReadBackRules
{
    public static IReadOnlyList<string> Differences(PreflightReport answered, PreflightReport recorded)
    {
        ArgumentNullException.ThrowIfNull(answered);
        ArgumentNullException.ThrowIfNull(recorded);
        var differences = new List<string>();
        Same(PreflightFields.RunId, answered.RunId, recorded.RunId, differences);
        Same(PreflightFields.Verdict, answered.Verdict, recorded.Verdict, differences);
        Same(PreflightFields.Mode, answered.Mode, recorded.Mode, differences);
        Same(PreflightFields.ConfigHash, answered.ConfigHash, recorded.ConfigHash, differences);
        Same(PreflightFields.StartedAt, Text(answered.StartedAt), Text(recorded.StartedAt), differences);
        Same(PreflightFields.ExpiresAt, Text(answered.ExpiresAt), Text(recorded.ExpiresAt), differences);
        Checks(answered.Checks, recorded.Checks, differences);
        return differences;
    }

    private static void Same(string field, string? answered, string? recorded, List<string> differences)
    {
        if (!string.Equals(answered, recorded, StringComparison.Ordinal))
        {
            differences.Add($"{field} {Quote(recorded)} recorded, {Quote(answered)} answered");
        }
    }

    /// <summary>By name: each check answered is recorded with the same tier and status, and no other is.</summary>
    private static void Checks(IReadOnlyList<ReportedCheck> answered, IReadOnlyList<ReportedCheck> recorded, List<string> differences)
    {
        var given = Signatures(answered);
        var kept = Signatures(recorded);
        foreach (var name in given.Keys.Union(kept.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var a = given.GetValueOrDefault(name, "absent");
            var r = kept.GetValueOrDefault(name, "absent");
            if (a != r)
            {
                differences.Add($"check '{name}' {r} recorded, {a} answered");
            }
        }
    }

    private static Dictionary<string, string> Signatures(IEnumerable<ReportedCheck> checks) =>
        checks.GroupBy(c => c.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join(" + ", g.Select(c => $"{c.Tier} {c.Status}").Order(StringComparer.Ordinal)), StringComparer.Ordinal);

    private static string? Text(DateTimeOffset? timestamp) => timestamp is { } t ? Timestamps.ToText(t) : null;

    private static string Quote(string? value) => value is null ? "absent" : $"'{value}'";
}
