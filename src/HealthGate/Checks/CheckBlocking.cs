using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks;

/// <summary>
/// After a run (its checks ran in parallel, none waited for another): a check with an Unhealthy dependency in the
/// same run gets <see cref="CheckResult.BlockedBy"/>, naming the root causes. An Unhealthy dependency that is blocked
/// itself passes on its own root causes, so a chain shows where it starts. A dependency the run did not include
/// (another mode's tier) or that is Healthy or Degraded blocks nothing. Statuses, and so the verdict, are untouched.
/// </summary>
internal static class CheckBlocking
{
    public static IReadOnlyList<CheckResult> Apply(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.All(r => r.DependsOn.Count == 0))
        {
            return results;
        }

        var byName = results.DistinctBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var roots = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        return [.. results.Select(r => BlockersOf(r, byName, roots, []) is { Count: > 0 } blockers ? r with { BlockedBy = blockers } : r)];
    }

    /// <summary>The root causes among the Unhealthy dependencies of <paramref name="result"/>, in name order.</summary>
    private static List<string> BlockersOf(
        CheckResult result,
        Dictionary<string, CheckResult> byName,
        Dictionary<string, IReadOnlyList<string>> roots,
        HashSet<string> visiting)
    {
        var blockers = new SortedSet<string>(StringComparer.Ordinal);
        visiting.Add(result.Name);
        foreach (var name in result.DependsOn)
        {
            if (byName.TryGetValue(name, out var dependency) && dependency.Status == HealthStatus.Unhealthy)
            {
                blockers.UnionWith(RootsOf(dependency, byName, roots, visiting));
            }
        }

        visiting.Remove(result.Name);
        return [.. blockers];
    }

    /// <summary>An Unhealthy check is its own root cause unless an Unhealthy dependency blocks it.</summary>
    private static IReadOnlyList<string> RootsOf(
        CheckResult unhealthy,
        Dictionary<string, CheckResult> byName,
        Dictionary<string, IReadOnlyList<string>> roots,
        HashSet<string> visiting)
    {
        if (roots.TryGetValue(unhealthy.Name, out var known))
        {
            return known;
        }

        // Configuration refuses cycles; should one reach here all the same, the walk stops instead of recursing for ever.
        if (visiting.Contains(unhealthy.Name))
        {
            return [unhealthy.Name];
        }

        var blockers = BlockersOf(unhealthy, byName, roots, visiting);
        IReadOnlyList<string> found = blockers.Count > 0 ? blockers : [unhealthy.Name];
        roots[unhealthy.Name] = found;
        return found;
    }
}
