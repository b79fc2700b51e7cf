using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// The part of Argo Rollouts' analysis that the HealthGate recipe uses, evaluated here as Argo does it: the web
/// provider's URL with <c>{{args.NAME}}</c> substituted; a non-2xx answer is an Error measurement (the body is not
/// read); otherwise the Kubernetes JSONPath <c>{$.a.b}</c> picks the result, and <c>successCondition</c> without a
/// <c>failureCondition</c> decides Successful or Failed. Only this subset is implemented: a JSONPath of plain field
/// names, and a condition that is <c>result == "literal"</c> terms joined by <c>||</c>. Anything else throws, so a
/// recipe that grows past the subset fails its test instead of passing untested.
/// </summary>
internal static partial class ArgoWebMetric
{
    public const string Successful = "Successful";
    public const string Failed = "Failed";
    public const string Error = "Error";

    public static string Url(JsonNode template, JsonNode metric)
    {
        var url = (string)metric["provider"]!["web"]!["url"]!;
        var args = template["spec"]!["args"]?.AsArray() ?? [];
        return ArgReference().Replace(url, m => (string?)args.SingleOrDefault(a => (string?)a!["name"] == m.Groups[1].Value)?["value"]
            ?? throw new InvalidDataException($"argument '{m.Groups[1].Value}' has no value"));
    }

    /// <summary>The phase of one measurement of <paramref name="metric"/> for an answer with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public static string Measure(JsonNode metric, int status, string body)
    {
        if (status is < 200 or >= 300)
        {
            return Error;
        }

        var result = Select(JsonNode.Parse(body), (string)metric["provider"]!["web"]!["jsonPath"]!);
        if (metric["failureCondition"] is not null)
        {
            throw new NotSupportedException("failureCondition is outside the evaluated subset");
        }

        return Condition((string)metric["successCondition"]!, result) ? Successful : Failed;
    }

    /// <summary>The analysis after one measurement of a metric with count 1: an Error beyond consecutiveErrorLimit ends it in Error.</summary>
    public static string Analysis(JsonNode metric, string measurement)
    {
        Assert.Equal(1, (int)metric["count"]!);
        var errorLimit = (int?)metric["consecutiveErrorLimit"] ?? 4;
        var failureLimit = (int?)metric["failureLimit"] ?? 0;
        return measurement switch
        {
            Error => 1 > errorLimit ? Error : "Running",
            Failed => 1 > failureLimit ? Failed : "Running",
            _ => Successful,
        };
    }

    private static string Select(JsonNode? document, string jsonPath)
    {
        var match = JsonPathPattern().Match(jsonPath);
        if (!match.Success)
        {
            throw new NotSupportedException($"JSONPath '{jsonPath}' is outside the evaluated subset {{$.a.b}}");
        }

        var node = document;
        foreach (var field in match.Groups[1].Value.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?[field] ?? throw new InvalidDataException($"no '{field}' in the answer");
        }

        // Kubernetes JSONPath prints a string bare and anything else as JSON.
        return node!.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)node! : node.ToJsonString();
    }

    private static bool Condition(string condition, string result)
    {
        var outcome = false;
        foreach (var term in condition.Split("||"))
        {
            var match = EqualsTerm().Match(term.Trim());
            if (!match.Success)
            {
                throw new NotSupportedException($"condition term '{term.Trim()}' is outside the evaluated subset result == \"literal\"");
            }

            outcome |= result == match.Groups[1].Value;
        }

        return outcome;
    }

    [GeneratedRegex(@"\{\{\s*args\.([A-Za-z0-9_-]+)\s*\}\}")]
    private static partial Regex ArgReference();

    [GeneratedRegex(@"^\{\$((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\}$")]
    private static partial Regex JsonPathPattern();

    [GeneratedRegex("^result\\s*==\\s*\"([^\"]*)\"$")]
    private static partial Regex EqualsTerm();
}
