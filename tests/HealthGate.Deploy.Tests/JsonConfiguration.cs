using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthGate.Deploy.Tests;

/// <summary>JSON flattened into .NET configuration keys, as the JSON configuration provider does (arrays by index).</summary>
internal static class JsonConfiguration
{
    public static Dictionary<string, string?> Flatten(JsonNode root)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Add(settings, "", root);
        return settings;
    }

    /// <summary>An environment variable name as a configuration key: <c>__</c> separates sections.</summary>
    public static string KeyOf(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    private static void Add(Dictionary<string, string?> settings, string prefix, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    Add(settings, prefix.Length == 0 ? key : $"{prefix}:{key}", value);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Add(settings, $"{prefix}:{i}", array[i]);
                }

                break;
            case JsonValue value:
                settings[prefix] = value.GetValueKind() == JsonValueKind.String ? (string)value! : value.ToJsonString();
                break;
            default:
                settings[prefix] = null;
                break;
        }
    }
}
