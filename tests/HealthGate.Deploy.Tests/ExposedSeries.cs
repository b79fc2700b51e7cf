namespace HealthGate.Deploy.Tests;

/// <summary>
/// The series HealthGate's /metrics exposes (docs/observability.md, DESIGN.md) and the labels of each, plus
/// Prometheus' own <c>up</c>. Dashboards and rules may name nothing else.
/// </summary>
internal static class ExposedSeries
{
    /// <summary>Labels Prometheus attaches to every scraped series (the k8s example adds namespace and pod).</summary>
    public static readonly IReadOnlySet<string> TargetLabels = new HashSet<string>(StringComparer.Ordinal) { "job", "instance", "namespace", "pod" };

    /// <summary>Series name to its own labels. The histogram counts only through _bucket, _sum and _count.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Labels = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["healthgate_check_status"] = ["check", "tier", "type"],
        ["healthgate_check_duration_seconds"] = ["check", "tier", "type"],
        ["healthgate_preflight_exit_code"] = ["mode"],
        ["healthgate_preflight_runs_total"] = ["mode", "verdict"],
        ["healthgate_preflight_duration_seconds_bucket"] = ["mode", "le"],
        ["healthgate_preflight_duration_seconds_sum"] = ["mode"],
        ["healthgate_preflight_duration_seconds_count"] = ["mode"],
        ["healthgate_overrides_total"] = ["kind", "mode"],
        ["healthgate_ready"] = [],
        ["healthgate_verdict_age_seconds"] = ["mode"],
        ["healthgate_build_info"] = ["version"],
        ["process_resident_memory_bytes"] = [],
        ["process_cpu_seconds_total"] = [],
        ["process_start_time_seconds"] = [],
        ["dotnet_gc_collections_total"] = ["generation"],
        ["dotnet_threadpool_queue_length"] = [],
        ["up"] = [],
    };

    /// <summary>Label values fixed by the contract; an equality matcher on these labels must use one of them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FixedValues = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["tier"] = ["P0", "P1", "P2"],
        ["verdict"] = ["PASS", "P0_FAIL", "P1_FAIL", "P2_WARN"],
        ["kind"] = ["force_start", "skip_health_check"],

        // The check types of DESIGN.md: the eight, the trading-venue ones and the monitoring ones.
        ["type"] = ["postgres", "redis", "http", "risk", "exchange", "prometheus", "scenarios", "disk",
            "venue", "clock", "session", "rabbitmq", "nats", "alerting", "dashboard"],
    };

    /// <summary>Every way the selector departs from the exposed series, as readable messages; empty when it names one.</summary>
    public static IEnumerable<string> Problems(PromQl.Selector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        if (!Labels.TryGetValue(selector.Metric, out var own))
        {
            yield return $"'{selector.Metric}' is not a series HealthGate exposes";
            yield break;
        }

        foreach (var matcher in selector.Matchers)
        {
            if (!own.Contains(matcher.Label) && !TargetLabels.Contains(matcher.Label))
            {
                yield return $"'{selector.Metric}' has no label '{matcher.Label}' (it has: {string.Join(", ", own.Concat(TargetLabels))})";
            }
            else if (FixedValues.TryGetValue(matcher.Label, out var values) && !matcher.Value.Contains('$', StringComparison.Ordinal))
            {
                foreach (var value in Literals(matcher).Where(v => !values.Contains(v)))
                {
                    yield return $"'{selector.Metric}{{{matcher.Label}{matcher.Operator}\"{matcher.Value}\"}}': '{value}' is not one of {string.Join(", ", values)}";
                }
            }
        }
    }

    /// <summary>
    /// Labels an expression groups by or a legend/annotation shows that its series do not carry, as messages.
    /// A grouping label must be a label of a selected series; a shown label must survive the by (...) lists
    /// (when there are any) or be a label of a selected series, else Grafana or Alertmanager shows nothing for it.
    /// </summary>
    public static IEnumerable<string> LabelProblems(string expression, IEnumerable<string> shown, IEnumerable<string>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var available = PromQl.Selectors(expression)
            .SelectMany(s => Labels.TryGetValue(s.Metric, out var own) ? own : [])
            .Concat(TargetLabels)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var label in PromQl.GroupingLabels(expression).Where(l => !available.Contains(l)))
        {
            yield return $"groups by '{label}', which none of its series has";
        }

        var by = PromQl.ByLabels(expression);
        var kept = (by.Count > 0 ? by.ToHashSet(StringComparer.Ordinal) : available).Concat(extra ?? []).ToHashSet(StringComparer.Ordinal);
        foreach (var label in shown.Where(l => !kept.Contains(l)))
        {
            yield return $"shows label '{label}', which its result does not carry (it has: {string.Join(", ", kept.Order(StringComparer.Ordinal))})";
        }
    }

    /// <summary>The values an equality matcher or a regex of plain alternatives (a|b|c) names; other regexes name none.</summary>
    private static string[] Literals(PromQl.Matcher matcher) => matcher.Operator switch
    {
        "=" or "!=" => [matcher.Value],
        "=~" or "!~" when matcher.Value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '|') => matcher.Value.Split('|'),
        _ => [],
    };
}
