using System.Text;
using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// .dockerignore matching as Docker does it: patterns relative to the context root, <c>*</c> and <c>?</c>
/// within one path segment, <c>**</c> across segments, <c>!</c> re-includes, the last matching line wins, and
/// a pattern that matches a folder excludes everything below it.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Excludes)> _rules;

    private DockerIgnore(List<(Regex, bool)> rules) => _rules = rules;

    public static DockerIgnore Load(string path)
    {
        var rules = new List<(Regex, bool)>();
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var excludes = !line.StartsWith('!');
            var pattern = line.TrimStart('!').Trim().Trim('/');
            rules.Add((new Regex("^" + ToRegex(pattern) + "$", RegexOptions.CultureInvariant), excludes));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>Whether a path relative to the context root, written with '/', is left out of the context.</summary>
    public bool Excludes(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var segments = relativePath.Trim('/').Split('/');
        var candidates = Enumerable.Range(1, segments.Length).Select(n => string.Join('/', segments.Take(n))).ToList();
        var excluded = false;
        foreach (var (pattern, excludes) in _rules)
        {
            if (candidates.Any(pattern.IsMatch))
            {
                excluded = excludes;
            }
        }

        return excluded;
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern.AsSpan(i).StartsWith("**/"))
            {
                regex.Append("(?:.*/)?");
                i += 2;
            }
            else if (pattern.AsSpan(i).StartsWith("**"))
            {
                regex.Append(".*");
                i++;
            }
            else
            {
                regex.Append(pattern[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return regex.ToString();
    }
}
