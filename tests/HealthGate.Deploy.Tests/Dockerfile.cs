using System.Text.Json;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// A Dockerfile read into stages of instructions: comments dropped, continuation lines joined. Enough of the
/// syntax for what the repository's Dockerfile uses (FROM ... AS, ENV k=v, exec-form JSON arrays, COPY flags).
/// </summary>
internal sealed class Dockerfile
{
    internal sealed record Instruction(string Keyword, string Arguments);

    internal sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<string> All(string keyword) =>
            Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

        public string? Last(string keyword) => All(keyword).LastOrDefault();

        /// <summary>ENV of the stage: both <c>ENV k=v k2="v 2"</c> and the legacy <c>ENV k v</c>.</summary>
        public IReadOnlyDictionary<string, string> Environment()
        {
            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var args in All("ENV"))
            {
                var words = Words(args);
                if (words.Count >= 1 && !words[0].Contains('=', StringComparison.Ordinal))
                {
                    env[words[0]] = string.Join(' ', words.Skip(1));
                    continue;
                }

                foreach (var word in words)
                {
                    var at = word.IndexOf('=', StringComparison.Ordinal);
                    env[word[..at]] = word[(at + 1)..];
                }
            }

            return env;
        }
    }

    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public Stage Final => Stages[^1];

    public static Dockerfile Load(string path)
    {
        var stages = new List<Stage>();
        string? image = null;
        string? name = null;
        var instructions = new List<Instruction>();
        foreach (var line in LogicalLines(File.ReadAllLines(path)))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                if (image is not null)
                {
                    stages.Add(new Stage(image, name, instructions));
                }

                var words = Words(arguments).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
                image = words[0];
                name = words.Count == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                instructions = [];
            }
            else
            {
                instructions.Add(new Instruction(keyword, arguments));
            }
        }

        if (image is not null)
        {
            stages.Add(new Stage(image, name, instructions));
        }

        return new Dockerfile(stages);
    }

    /// <summary>The JSON array of an exec-form instruction (CMD, ENTRYPOINT, HEALTHCHECK ... CMD).</summary>
    public static string[] ExecForm(string arguments) =>
        arguments.TrimStart().StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(arguments) ?? []
            : throw new FormatException($"not exec form (a JSON array): {arguments}");

    /// <summary>Flags (--name=value) and the remaining words of an instruction such as COPY or HEALTHCHECK.</summary>
    public static (IReadOnlyDictionary<string, string> Flags, string Remainder) Flags(string arguments)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = arguments.Trim();
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            var flag = end < 0 ? rest : rest[..end];
            var at = flag.IndexOf('=', StringComparison.Ordinal);
            flags[at < 0 ? flag[2..] : flag[2..at]] = at < 0 ? "" : flag[(at + 1)..];
            rest = end < 0 ? "" : rest[end..].TrimStart();
        }

        return (flags, rest);
    }

    /// <summary>Words split on blanks, double quotes grouping, for ENV and FROM.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (any)
                {
                    words.Add(current.ToString());
                }

                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static IEnumerable<string> LogicalLines(IEnumerable<string> lines)
    {
        var pending = new System.Text.StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1].TrimEnd()).Append(' ');
                continue;
            }

            pending.Append(line);
            if (pending.Length > 0)
            {
                yield return pending.ToString().Trim();
            }

            pending.Clear();
        }

        if (pending.Length > 0)
        {
            yield return pending.ToString().Trim();
        }
    }
}
