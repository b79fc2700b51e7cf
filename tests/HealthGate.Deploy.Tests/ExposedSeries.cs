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
            else if (matcher.Operator == "=" && !matcher.Value.Contains('$', StringComparison.Ordinal) && FixedValues.TryGetValue(matcher.Label, out var values) && !values.Contains(matcher.Value))
            {
                yield return $"'{selector.Metric}{{{matcher.Label}=\"{matcher.Value}\"}}': '{matcher.Value}' is not one of {string.Join(", ", values)}";
            }
        }
    }
}
