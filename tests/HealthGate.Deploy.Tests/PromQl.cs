using System.Text;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// A small PromQL reader that finds the series selectors of an expression: metric names with their label
/// matchers. Functions, aggregations, keywords, label lists (by, on, ...), numbers, durations, ranges, strings
/// and Grafana variables ($x, ${x}) are recognised and skipped. Syntax itself is promtool's job.
/// </summary>
internal static class PromQl
{
    internal sealed record Matcher(string Label, string Operator, string Value);

    internal sealed record Selector(string Metric, IReadOnlyList<Matcher> Matchers);

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan",
        "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile",
        "count_values", "group", "limitk", "limit_ratio",
    };

    /// <summary>Keywords followed by a parenthesised list of label names, which are not series.</summary>
    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    public static IReadOnlyList<Selector> Selectors(string expression)
    {
        var selectors = new List<Selector>();
        Scan(expression, selectors, []);
        return selectors;
    }

    /// <summary>The label names of the expression's by, without, on, ignoring, group_left and group_right lists.</summary>
    public static IReadOnlyList<string> GroupingLabels(string expression)
    {
        var labels = new List<string>();
        Scan(expression, [], labels);
        return labels;
    }

    /// <summary>The label names of its by (...) lists only: the labels an aggregation keeps.</summary>
    public static IReadOnlyList<string> ByLabels(string expression)
    {
        var labels = new List<string>();
        Scan(expression, [], labels, only: "by");
        return labels;
    }

    private static void Scan(string expression, List<Selector> selectors, List<string> groupingLabels, string? only = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var text = expression;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '"' or '\'' or '`')
            {
                ReadString(text, ref i);
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '{')
            {
                // A selector without a name ({job="x"}) selects no particular series of ours; still read it whole.
                ReadMatchers(text, ref i);
            }
            else if (c == '[')
            {
                SkipPast(text, ref i, ']');
            }
            else if (c == '$')
            {
                SkipVariable(text, ref i);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                // Numbers and durations: 0.95, 1e3, 0x1f, 6h, 1h30m.
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_'))
                {
                    i++;
                }
            }
            else if (IsNameStart(c))
            {
                ReadName(text, ref i, selectors, groupingLabels, only);
            }
            else
            {
                i++;
            }
        }
    }

    private static void ReadName(string text, ref int i, List<Selector> selectors, List<string> groupingLabels, string? only)
    {
        var start = i;
        while (i < text.Length && IsNamePart(text[i]))
        {
            i++;
        }

        var word = text[start..i];
        var next = i;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        var following = next < text.Length ? text[next] : '\0';
        if (LabelListKeywords.Contains(word))
        {
            if (following == '(')
            {
                var open = next;
                i = next;
                SkipPast(text, ref i, ')');
                if (only is null || string.Equals(word, only, StringComparison.OrdinalIgnoreCase))
                {
                    groupingLabels.AddRange(text[(open + 1)..(i - 1)].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
                }
            }

            return;
        }

        if (Keywords.Contains(word) || following == '(')
        {
            return;
        }

        IReadOnlyList<Matcher> matchers = [];
        if (following == '{')
        {
            i = next;
            matchers = ReadMatchers(text, ref i);
        }

        selectors.Add(new Selector(word, matchers));
    }

    private static List<Matcher> ReadMatchers(string text, ref int i)
    {
        var matchers = new List<Matcher>();
        i++;
        while (true)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ','))
            {
                i++;
            }

            if (i >= text.Length)
            {
                throw new FormatException($"unclosed '{{' in: {text}");
            }

            if (text[i] == '}')
            {
                i++;
                return matchers;
            }

            var start = i;
            while (i < text.Length && IsNamePart(text[i]))
            {
                i++;
            }

            var label = text[start..i];
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var op = text.AsSpan(i).StartsWith("=~") || text.AsSpan(i).StartsWith("!~") || text.AsSpan(i).StartsWith("!=") ? text.Substring(i, 2)
                : text.AsSpan(i).StartsWith("=") ? "="
                : throw new FormatException($"no matcher operator after '{label}' in: {text}");
            i += op.Length;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (label.Length == 0 || label == "__name__")
            {
                // A name matcher would hide which series the expression selects from this check.
                throw new FormatException($"unsupported matcher '{label}' in: {text}");
            }

            matchers.Add(new Matcher(label, op, ReadString(text, ref i)));
        }
    }

    private static string ReadString(string text, ref int i)
    {
        if (i >= text.Length || text[i] is not ('"' or '\'' or '`'))
        {
            throw new FormatException($"expected a string at {i} in: {text}");
        }

        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == quote)
            {
                return value.ToString();
            }

            if (c == '\\' && quote != '`' && i < text.Length)
            {
                c = text[i++];
            }

            value.Append(c);
        }

        throw new FormatException($"unclosed string in: {text}");
    }

    private static void SkipPast(string text, ref int i, char close)
    {
        var end = text.IndexOf(close, i);
        i = end < 0 ? throw new FormatException($"no closing '{close}' after {i} in: {text}") : end + 1;
    }

    private static void SkipVariable(string text, ref int i)
    {
        i++;
        if (i < text.Length && text[i] == '{')
        {
            SkipPast(text, ref i, '}');
            return;
        }

        while (i < text.Length && IsNamePart(text[i]))
        {
            i++;
        }
    }

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';
}
