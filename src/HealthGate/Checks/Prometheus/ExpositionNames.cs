using System.Globalization;

namespace HealthGate.Checks.Prometheus;

/// <summary>
/// Reads the metric names present in a Prometheus text exposition: every well-formed sample's name, and every
/// family declared by a TYPE line that has samples under its type's suffixes (a histogram counts by its base name).
/// Lines that are not samples (an HTML error page, say) count for nothing, so they cannot pass for metrics.
/// </summary>
internal static class ExpositionNames
{
    private static readonly Dictionary<string, string[]> SuffixesByType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["counter"] = ["_total", "_created"],
        ["histogram"] = ["_bucket", "_sum", "_count", "_created"],
        ["gaugehistogram"] = ["_bucket", "_gsum", "_gcount"],
        ["summary"] = ["_sum", "_count", "_created"],
        ["info"] = ["_info"],
    };

    public static HashSet<string> Read(string exposition)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        var samples = new HashSet<string>(StringComparer.Ordinal);
        var families = new List<(string Name, string Type)>();
        foreach (var raw in exposition.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (line[0] == '#')
            {
                var fields = line.ToString().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields is ["#", "TYPE", var family, ..])
                {
                    families.Add((family, fields.Length > 3 ? fields[3] : "untyped"));
                }

                continue;
            }

            if (SampleName(line) is { } name)
            {
                samples.Add(name);
            }
        }

        var present = new HashSet<string>(samples, StringComparer.Ordinal);
        foreach (var (family, type) in families)
        {
            var suffixes = SuffixesByType.GetValueOrDefault(type, []);
            if (samples.Contains(family) || suffixes.Any(s => samples.Contains(family + s)))
            {
                present.Add(family);
            }
        }

        return present;
    }

    /// <summary>The name of a sample line <c>name[{labels}] value [timestamp]</c>, or null when the line is not one.</summary>
    private static string? SampleName(ReadOnlySpan<char> line)
    {
        var nameLength = 0;
        while (nameLength < line.Length && IsNameChar(line[nameLength], first: nameLength == 0))
        {
            nameLength++;
        }

        if (nameLength == 0)
        {
            return null;
        }

        var rest = line[nameLength..];
        if (!rest.IsEmpty && rest[0] == '{')
        {
            var close = LabelsEnd(rest);
            if (close < 0)
            {
                return null;
            }

            rest = rest[(close + 1)..];
        }

        if (rest.IsEmpty || !char.IsWhiteSpace(rest[0]))
        {
            return null;
        }

        rest = rest.TrimStart();
        var valueEnd = rest.IndexOfAny(' ', '\t');
        return IsValue(valueEnd < 0 ? rest : rest[..valueEnd]) ? line[..nameLength].ToString() : null;
    }

    private static bool IsNameChar(char c, bool first) =>
        char.IsAsciiLetter(c) || c is '_' or ':' || (!first && char.IsAsciiDigit(c));

    /// <summary>The index of the '}' closing a label set that starts at 0, skipping quoted values; -1 when unclosed.</summary>
    private static int LabelsEnd(ReadOnlySpan<char> labels)
    {
        var quoted = false;
        for (var i = 1; i < labels.Length; i++)
        {
            switch (labels[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '}' when !quoted:
                    return i;
            }
        }

        return -1;
    }

    private static bool IsValue(ReadOnlySpan<char> value) =>
        value is "+Inf" or "-Inf" or "Inf" or "NaN"
        || (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number));
}
