using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>The provisioned dashboard's panels, queries and variables, read from its JSON.</summary>
internal sealed partial class GrafanaDashboard
{
    public const string File = "deploy/grafana/dashboards/healthgate.json";

    /// <summary>Grafana's own interval variables, with a stand-in value that makes the query valid PromQL.</summary>
    public static readonly IReadOnlyDictionary<string, string> BuiltIns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["__rate_interval"] = "1m",
        ["__interval"] = "1m",
        ["__range"] = "6h",
    };

    /// <summary>A query; <paramref name="Legend"/> is its legend, or for a label_values variable the label it reads, as <c>{{label}}</c>.</summary>
    internal sealed record Query(string Panel, string Expression, string? Legend = null);

    private GrafanaDashboard(JsonNode root) => Root = root;

    public JsonNode Root { get; }

    /// <summary>Every panel, the ones nested in collapsed rows included.</summary>
    public IReadOnlyList<JsonNode> Panels =>
        [.. Root["panels"]!.AsArray().SelectMany(p => (IEnumerable<JsonNode?>)[p, .. p!["panels"]?.AsArray() ?? []]).OfType<JsonNode>()];

    public IReadOnlyList<JsonNode> Variables => [.. Root["templating"]!["list"]!.AsArray().OfType<JsonNode>()];

    /// <summary>Every PromQL expression: panel targets and the metric part of query variables.</summary>
    public IReadOnlyList<Query> Queries =>
        [
            .. Panels.SelectMany(p => (p["targets"]?.AsArray() ?? []).Select(t => new Query((string)p["title"]!, (string)t!["expr"]!, (string?)t["legendFormat"]))),
            .. Variables.Where(v => (string?)v["type"] == "query").Select(v => new Query($"${v["name"]}", VariableExpression(v), VariableLabel(v))),
        ];

    public static GrafanaDashboard Load() => new(JsonNode.Parse(System.IO.File.ReadAllText(RepoRoot.File(File)))!);

    /// <summary>The expression with every variable replaced by a sample value, for promtool.</summary>
    public static string Substitute(string expression, IReadOnlyDictionary<string, string> samples) =>
        VariablePattern().Replace(expression, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value;
            return BuiltIns.TryGetValue(name, out var value) || samples.TryGetValue(name, out value)
                ? value
                : throw new InvalidDataException($"variable ${name} is neither a Grafana built-in nor a sample value");
        });

    /// <summary>The labels a legend such as <c>{{instance}} gen{{generation}}</c> shows.</summary>
    public static IEnumerable<string> LegendLabels(string? legend) =>
        legend is null ? [] : LegendLabelPattern().Matches(legend).Select(m => m.Groups["label"].Value);

    public static IEnumerable<string> VariablesIn(string expression) =>
        VariablePattern().Matches(expression).Select(m => m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["plain"].Value);

    private static string VariableExpression(JsonNode variable)
    {
        var query = variable["query"] is JsonObject o ? (string)o["query"]! : (string)variable["query"]!;
        var call = LabelValuesPattern().Match(query);
        return call.Success ? call.Groups["metric"].Value : query;
    }

    private static string? VariableLabel(JsonNode variable)
    {
        var query = variable["query"] is JsonObject o ? (string)o["query"]! : (string)variable["query"]!;
        var call = LabelValuesPattern().Match(query);
        return call.Success && call.Groups["metric"].Success ? $"{{{{{call.Groups["label"].Value}}}}}" : null;
    }

    [GeneratedRegex(@"\{\{\s*(?<label>\w+)\s*\}\}")]
    private static partial Regex LegendLabelPattern();

    [GeneratedRegex(@"\$\{(?<braced>\w+)(?::[^}]*)?\}|\$(?<plain>\w+)")]
    private static partial Regex VariablePattern();

    // label_values(metric, label) reads the label of a series; label_values(label) names no series.
    [GeneratedRegex(@"^\s*label_values\((?:(?<metric>.+),)?\s*(?<label>\w+)\s*\)\s*$")]
    private static partial Regex LabelValuesPattern();
}
