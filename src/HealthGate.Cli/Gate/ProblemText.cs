using System.Text.Json;

namespace HealthGate.Cli.Gate;

/// <summary>The readable part of an error answer: a problem+json's detail (and field errors), else the body itself.</summary>
internal static class ProblemText
{
    /// <summary>A problem's <c>title</c> and <c>detail</c> and its field errors, joined by dashes; else the body itself.</summary>
    public static string Of(string body) =>
        Join(body, root => [.. new[] { Text(root, "title"), Text(root, "detail") }.OfType<string>()], " — ");

    /// <summary>
    /// The one reason a refusal gives: a problem's <c>detail</c> (else its <c>title</c>) and its field errors; else the
    /// body itself; an empty body says so.
    /// </summary>
    public static string Reason(string body) =>
        string.IsNullOrWhiteSpace(body)
            ? "no explanation from the gate"
            : Join(body, root => [.. new[] { Text(root, "detail") ?? Text(root, "title") }.OfType<string>()], "; ");

    private static string Join(string body, Func<JsonElement, List<string>> head, string separator)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return OneLine.Of(body);
            }

            var parts = head(root);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                parts.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(" ", Messages(e.Value))}"));
            }

            return OneLine.Of(parts.Count > 0 ? string.Join(separator, parts) : body, 300);
        }
        catch (JsonException)
        {
            return OneLine.Of(body);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static IEnumerable<string> Messages(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(m => m.ToString())
            : [value.ToString()];
}
