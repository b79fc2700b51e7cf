using System.Globalization;
using System.Text.Json;

namespace HealthGate.Checks;

/// <summary>RFC 6901 JSON Pointer evaluation over a parsed document.</summary>
internal static class JsonPointer
{
    public static bool TryResolve(JsonElement root, string pointer, out JsonElement value)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        value = root;
        if (pointer.Length == 0)
        {
            return true;
        }

        if (pointer[0] != '/')
        {
            return false;
        }

        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty(token, out var child))
            {
                value = child;
            }
            else if (value.ValueKind == JsonValueKind.Array
                && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && (token == "0" || token[0] != '0')
                && index < value.GetArrayLength())
            {
                value = value[index];
            }
            else
            {
                return false;
            }
        }

        return true;
    }
}
