using HealthGate.Configuration;

namespace HealthGate.Checks;

/// <summary>
/// <c>DependsOn</c> at start: each list names distinct other checks the gate runs, and no chain of them leads back
/// to where it began. A check registered in code may be depended upon by its name; it declares no dependencies.
/// </summary>
internal static class CheckDependencies
{
    /// <summary>What one check's own list can get wrong: an empty entry, itself, a name given twice.</summary>
    public static void ValidateList(string name, string key, string[] dependsOn, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(dependsOn);
        ArgumentNullException.ThrowIfNull(errors);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < dependsOn.Length; i++)
        {
            var dependency = dependsOn[i];
            if (string.IsNullOrWhiteSpace(dependency))
            {
                errors.Add($"{key}:{i}", "must name a check");
            }
            else if (string.Equals(dependency, name, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(key, $"'{dependency}' is the check itself: a check cannot depend on itself");
            }
            else if (!seen.Add(dependency))
            {
                errors.Add(key, $"'{dependency}' is listed more than once");
            }
        }
    }

    /// <summary>Across checks, once all are loaded: every name is a check the gate runs, and there is no cycle.</summary>
    public static void Validate(CheckCatalog catalog, GateChecks gate, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(errors);
        var running = gate.All.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in catalog.Definitions)
        {
            var key = Key(definition.Name);
            foreach (var dependency in Usable(definition))
            {
                if (running.Contains(dependency))
                {
                    continue;
                }

                if (catalog.Disabled.Contains(dependency))
                {
                    // Refused rather than ignored: the operator who wrote the link expects it to mark a root cause.
                    errors.Add(key, $"'{dependency}' is disabled (Enabled: false), so it never runs and can block nothing: enable it or remove it from DependsOn");
                }
                else if (!catalog.Named.Contains(dependency))
                {
                    // A name configured but refused for a bad key has its own error already.
                    errors.Add(key, $"unknown check '{dependency}' (the gate runs: {string.Join(", ", running.Order(StringComparer.Ordinal))})");
                }
            }
        }

        foreach (var cycle in Cycles(gate))
        {
            errors.Add(Key(cycle[0]), $"forms a cycle: {string.Join(" -> ", cycle)}");
        }
    }

    /// <summary>Each check's dependencies as the canonical names of checks the gate runs; names it does not run are left out.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Resolve(CheckCatalog catalog, IEnumerable<string> running)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        // A name registered twice is refused at start; until then the first one stands.
        var canonical = running.DistinctBy(n => n, StringComparer.OrdinalIgnoreCase).ToDictionary(n => n, n => n, StringComparer.OrdinalIgnoreCase);
        return catalog.Definitions.ToDictionary(
            d => d.Name,
            d => (IReadOnlyList<string>)[.. Usable(d).Select(n => canonical.GetValueOrDefault(n)).OfType<string>()],
            StringComparer.OrdinalIgnoreCase);
    }

    private static string Key(string check) => $"{CheckCatalog.SectionPath}:{check}:DependsOn";

    /// <summary>The entries <see cref="ValidateList"/> accepts: the others are reported already.</summary>
    private static IEnumerable<string> Usable(CheckDefinition definition) => definition.Options.DependsOn
        .Where(n => !string.IsNullOrWhiteSpace(n) && !string.Equals(n, definition.Name, StringComparison.OrdinalIgnoreCase))
        .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>A depth-first walk; each back edge closes one cycle, given from its first check back to it.</summary>
    private static List<List<string>> Cycles(GateChecks gate)
    {
        var edges = gate.All.DistinctBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToDictionary(c => c.Name, c => c.DependsOn, StringComparer.OrdinalIgnoreCase);
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var path = new List<string>();
        var cycles = new List<List<string>>();

        void Visit(string name)
        {
            var at = path.FindIndex(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase));
            if (at >= 0)
            {
                cycles.Add([.. path[at..], path[at]]);
                return;
            }

            if (!done.Add(name))
            {
                return;
            }

            path.Add(name);
            foreach (var dependency in edges.GetValueOrDefault(name) ?? [])
            {
                Visit(dependency);
            }

            path.RemoveAt(path.Count - 1);
        }

        foreach (var check in gate.All)
        {
            Visit(check.Name);
        }

        return cycles;
    }
}
