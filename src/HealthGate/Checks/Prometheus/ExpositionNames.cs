namespace HealthGate.Checks.Prometheus;

/// <summary>
/// Reads the metric names present in a Prometheus text exposition: every sample's name, and every family
/// declared by a TYPE line that has samples (so a histogram counts by its base name as well).
/// </summary>
internal static class ExpositionNames
{
    public static HashSet<string> Read(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var samples = new HashSet<string>(StringComparer.Ordinal);
        var families = new List<string>();
        foreach (var raw in exposition.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == '#')
            {
                if (line.StartsWith("# TYPE "))
                {
                    var rest = line["# TYPE ".Length..].TrimStart();
                    var end = rest.IndexOfAny(' ', '\t');
                    families.Add((end < 0 ? rest : rest[..end]).ToString());
                }

                continue;
            }

            var nameEnd = line.IndexOfAny('{', ' ', '\t');
            samples.Add((nameEnd < 0 ? line : line[..nameEnd]).ToString());
        }

        var present = new HashSet<string>(samples, StringComparer.Ordinal);
        foreach (var family in families.Where(f => samples.Any(s => s == f || s.StartsWith(f + "_", StringComparison.Ordinal))))
        {
            present.Add(family);
        }

        return present;
    }
}
