using System.Globalization;
using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Acceptance;

/// <summary>
/// What a GO (PASS or P2_WARN) must show before a launch may proceed on it: when it started and expires, a start
/// inside this request's own window, a bounded validity, counts that agree with its checks, and the configuration
/// that gave it. Pure: each broken rule is one phrase naming it.
/// </summary>
internal static class GoRules
{
    public static IReadOnlyList<string> Broken(PreflightReport report, RequestWindow window, AcceptanceRules rules)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(rules);
        var broken = new List<string>();
        Times(report, window, rules, broken);
        Summary(report, broken);
        ConfigHash(report, rules, broken);
        return broken;
    }

    private static void Times(PreflightReport report, RequestWindow window, AcceptanceRules rules, List<string> broken)
    {
        if (report.StartedAt is not { } started)
        {
            broken.Add("no startedAt: a GO must say when its checks began");
        }
        else if (started < window.Sent - rules.ClockTolerance)
        {
            broken.Add($"startedAt {Timestamps.ToText(started)} is {Seconds(window.Sent - started)} before the request was sent at {Timestamps.ToText(window.Sent)} "
                + $"(clock tolerance {Seconds(rules.ClockTolerance)}): not a run of this request");
        }
        else if (started > window.Answered + rules.ClockTolerance)
        {
            broken.Add($"startedAt {Timestamps.ToText(started)} is {Seconds(started - window.Answered)} after the answer arrived at {Timestamps.ToText(window.Answered)} "
                + $"(clock tolerance {Seconds(rules.ClockTolerance)}): not a run of this request");
        }

        if (report.ExpiresAt is not { } expires)
        {
            broken.Add("no expiresAt: a GO must say when it stops being one");
        }
        else if (report.StartedAt is { } start)
        {
            var ttl = expires - start;
            if (ttl <= TimeSpan.Zero)
            {
                broken.Add($"expiresAt {Timestamps.ToText(expires)} is not after startedAt {Timestamps.ToText(start)}");
            }
            else if (ttl > rules.MaxVerdictTtl)
            {
                broken.Add($"expiresAt − startedAt is {Seconds(ttl)}, over the {Seconds(rules.MaxVerdictTtl)} a verdict may stay valid (--max-verdict-ttl)");
            }
        }
    }

    private static void Summary(PreflightReport report, List<string> broken)
    {
        if (report.Summary is not { } summary)
        {
            broken.Add("no summary: a GO must state its counts");
            return;
        }

        var checks = report.Checks;
        Count(PreflightFields.Counts.Total, summary.Total, checks.Count, "checks listed", broken);
        Count(PreflightFields.Counts.Healthy, summary.Healthy, checks.Count(c => c.Status == ReportedCheck.Healthy), "Healthy checks", broken);
        Count(PreflightFields.Counts.Degraded, summary.Degraded, checks.Count(c => c.Status == ReportedCheck.Degraded), "Degraded checks", broken);
        Count(PreflightFields.Counts.Unhealthy, summary.Unhealthy, checks.Count(c => c.IsUnhealthy), "Unhealthy checks", broken);
    }

    private static void Count(string field, int? stated, int counted, string what, List<string> broken)
    {
        if (stated is null)
        {
            broken.Add($"summary.{field} is missing or not an integer");
        }
        else if (stated != counted)
        {
            broken.Add($"summary.{field} is {stated} but there are {counted} {what}");
        }
    }

    private static void ConfigHash(PreflightReport report, AcceptanceRules rules, List<string> broken)
    {
        if (report.ConfigHash is not { Length: > 0 } hash)
        {
            broken.Add("no configHash: a GO must name the configuration that gave it");
        }
        else if (rules.ExpectedConfigHash is { } expected && !string.Equals(hash, expected, StringComparison.Ordinal))
        {
            broken.Add($"configHash '{hash}' is not the expected '{expected}' (--expect-config-hash)");
        }
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
