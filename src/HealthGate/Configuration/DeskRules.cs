using System.Globalization;

namespace HealthGate.Configuration;

/// <summary>
/// The desk file is the whole definition of the gate (DESIGN, Configuration). Decided on the providers, not on the
/// merged configuration, because the merge hides exactly what these rules are about: which source gave a key, a
/// list merged item by item from two sources, two names that differ only by case folded into one.
/// </summary>
internal static class DeskRules
{
    /// <summary>
    /// The keys of a check the environment (or the command line) may set: its secrets and endpoints, which differ
    /// per deployment. Anything else (a type, a tier, <c>Enabled</c>, <c>DependsOn</c>, a list, a new check, a mode,
    /// the readiness set) is the desk's decision and only its file makes it.
    /// </summary>
    public static readonly IReadOnlySet<string> EnvironmentCheckKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "ConnectionString", "Url", "PingUrl", "TimeUrl", "Username", "Password", "Token",
    };

    private const string ChecksPrefix = HealthGateSection.Root + ":Checks:";

    /// <summary>Adds one error per key that breaks a rule, naming the key and its source(s).</summary>
    public static void Validate(ConfigurationSources sources, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(errors);
        var keys = sources.Keys.Select(k => (Key: k, Segments: k.Key.Split(':'))).ToList();
        RefuseCaseTwins(keys, errors);
        RefuseListsFromTwoSources(keys, errors);
        RefuseEnvironmentDefinitions(keys, errors);
    }

    /// <summary>Check names are unique ignoring case: a second spelling would be merged into the first, never seen.</summary>
    private static void RefuseCaseTwins(List<(SourcedKey Key, string[] Segments)> keys, ConfigErrors errors)
    {
        // Within one file, any section: "risk" and "RISK" are one section to .NET and two to the person who wrote them.
        // (Environment variables are matched ignoring case by convention: HEALTHGATE__CHECKS__RISK__URL is the desk's risk.)
        foreach (var group in keys.Where(k => k.Key.Source.Defines).GroupBy(k => k.Key.Source.Index))
        {
            var source = group.First().Key.Source;
            var spellings = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (var (_, segments) in group)
            {
                for (var i = 1; i < segments.Length; i++)
                {
                    var path = string.Join(':', segments[..(i + 1)]);
                    if (!spellings.TryGetValue(path, out var seen))
                    {
                        spellings[path] = seen = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    seen.Add(segments[i]);
                }
            }

            foreach (var (path, seen) in spellings.Where(s => s.Value.Count > 1).OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
            {
                var parent = path[..path.LastIndexOf(':')];
                errors.Add($"{parent}:{string.Join(" and ", seen.Select(n => $"'{n}'"))}", $"two sections in {source.Name} differ only by case: names are unique ignoring case (.NET would merge them into one)");
            }
        }

        // Across the defining sources: a check name spelt two ways in two files is still one check to .NET.
        var checkSpellings = keys
            .Where(k => k.Key.Source.Defines && k.Segments.Length > 3 && k.Key.Key.StartsWith(ChecksPrefix, StringComparison.OrdinalIgnoreCase))
            .GroupBy(k => k.Segments[2], StringComparer.OrdinalIgnoreCase);
        foreach (var check in checkSpellings)
        {
            var bySpelling = check.GroupBy(k => k.Segments[2], StringComparer.Ordinal).ToList();
            if (bySpelling.Count > 1 && bySpelling.Select(s => s.First().Key.Source.Index).Distinct().Count() > 1)
            {
                var named = bySpelling.Select(s => $"'{s.Key}' in {s.First().Key.Source.Name}");
                errors.Add($"{ChecksPrefix}{check.Key}", $"differ only by case: {string.Join(" and ", named)}; check names are unique ignoring case");
            }
        }
    }

    /// <summary>
    /// .NET merges a list item by item across sources, so two sources make a list neither wrote
    /// (<c>[P0,P1,P2]</c> plus <c>Tiers__0=P1</c> is <c>[P1,P1,P2]</c>). Every list comes whole from one source.
    /// </summary>
    private static void RefuseListsFromTwoSources(List<(SourcedKey Key, string[] Segments)> keys, ConfigErrors errors)
    {
        var lists = new Dictionary<string, SortedDictionary<int, ConfigurationSource>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, segments) in keys)
        {
            for (var i = 1; i < segments.Length; i++)
            {
                if (!IsIndex(segments[i]))
                {
                    continue;
                }

                var list = string.Join(':', segments[..i]);
                if (!lists.TryGetValue(list, out var sourcesOfList))
                {
                    lists[list] = sourcesOfList = [];
                }

                sourcesOfList.TryAdd(key.Source.Index, key.Source);
            }
        }

        foreach (var (list, sourcesOfList) in lists.Where(l => l.Value.Count > 1).OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var named = sourcesOfList.Values.Select(s => s.IsEnvironment ? $"environment variables {list.Replace(":", "__", StringComparison.Ordinal)}__*" : s.Name);
            errors.Add(list, $"a list must come whole from one configuration source, but its items come from {string.Join(" and ", named)} (.NET would merge them item by item)");
        }
    }

    /// <summary>
    /// Sections that decide what the gate asks, never set from the environment: which tiers each mode and readiness
    /// run, and who must approve an override (a variable must not be able to drop a required approver unseen).
    /// </summary>
    private static readonly HashSet<string> DeskSections = new(StringComparer.OrdinalIgnoreCase) { "Modes", "Readiness", "Overrides" };

    /// <summary>The environment supplies secrets and endpoints of the desk's checks, and nothing else of the gate's definition.</summary>
    private static void RefuseEnvironmentDefinitions(List<(SourcedKey Key, string[] Segments)> keys, ConfigErrors errors)
    {
        var defined = keys
            .Where(k => k.Key.Source.Defines && k.Segments.Length > 3 && k.Key.Key.StartsWith(ChecksPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(k => k.Segments[2])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, segments) in keys.Where(k => !k.Key.Source.Defines))
        {
            var section = segments.Length > 1 ? segments[1] : "";
            if (section.Equals("Checks", StringComparison.OrdinalIgnoreCase))
            {
                if (segments.Length != 4 || !EnvironmentCheckKeys.Contains(segments[3]))
                {
                    errors.Add(key.Source.Spell(key.Key), $"refused: the environment may set only {string.Join(", ", EnvironmentCheckKeys)} of a check the desk file defines; the desk file defines the gate");
                }
                else if (!defined.Contains(segments[2]))
                {
                    errors.Add(key.Source.Spell(key.Key), $"refused: no desk file defines a check '{segments[2]}'; the environment cannot define a check");
                }
            }
            else if (DeskSections.Contains(section))
            {
                errors.Add(key.Source.Spell(key.Key), $"refused: {section} is the desk's decision, set only in the desk file");
            }
        }
    }

    /// <summary>The keys the environment set, by name only (for the start-up report; values never leave).</summary>
    public static IReadOnlyList<string> EnvironmentKeys(ConfigurationSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return [.. sources.Keys.Where(k => !k.Source.Defines).Select(k => k.Source.Written(k.Key)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    private static bool IsIndex(string segment) => segment.Length > 0 && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
