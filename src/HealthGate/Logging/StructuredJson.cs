using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthGate.Logging;

/// <summary>
/// A JSON document as dictionaries, lists and scalars, which Serilog destructures (an <c>@</c> property) into the
/// same JSON in the event, so a log shipper can query inside it. Below <see cref="MaxDepth"/> a subtree stays JSON
/// text, so Serilog's own depth limit never drops a value.
/// </summary>
internal static class StructuredJson
{
    public const int MaxDepth = 6;

    public static object? From(JsonNode? node, int depth = 0) => node switch
    {
        null => null,
        _ when depth >= MaxDepth && node is JsonObject or JsonArray => node.ToJsonString(),
        JsonObject o => o.ToDictionary(kv => kv.Key, kv => From(kv.Value, depth + 1), StringComparer.Ordinal),
        JsonArray a => a.Select(item => From(item, depth + 1)).ToList(),
        JsonValue v => Scalar(v),
        _ => node.ToJsonString(),
    };

    private static object? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when value.TryGetValue<long>(out var whole) => whole,
        JsonValueKind.Number => value.GetValue<double>(),
        _ => null,
    };
}
