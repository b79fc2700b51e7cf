using System.Globalization;
using System.Text;

namespace HealthGate.Testing;

/// <summary>Reads /metrics the way a test needs it: the samples, the declared families.</summary>
public static class Exposition
{
    public static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Family name to type, from the <c># TYPE</c> lines.</summary>
    public static IReadOnlyDictionary<string, string> Types(string text) =>
        text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')).ToDictionary(p => p[2], p => p[3]);

    public static IReadOnlyList<Series> Parse(string text) =>
        [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(ParseLine)];

    /// <summary>The value of the one series with this name whose labels include the given ones; null when none.</summary>
    public static double? Value(this IReadOnlyList<Series> series, string name, params (string Name, string Value)[] labels)
    {
        var matches = series.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0].Value,
            _ => throw new InvalidOperationException($"{matches.Count} series match {name}"),
        };
    }

    private static Series ParseLine(string line)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var space = line.LastIndexOf(' ');
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (brace < 0)
        {
            return new Series(line[..space], labels, ParseValue(line[(space + 1)..]));
        }

        var i = brace + 1;
        while (line[i] != '}')
        {
            var equals = line.IndexOf('=', i);
            var name = line[i..equals];
            i = equals + 2;
            var value = new StringBuilder();
            for (; line[i] != '"'; i++)
            {
                value.Append(line[i] != '\\' ? line[i] : line[++i] switch { 'n' => '\n', var c => c });
            }

            labels[name] = value.ToString();
            i++;
            if (line[i] == ',')
            {
                i++;
            }
        }

        return new Series(line[..brace], labels, ParseValue(line[(i + 2)..]));
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
