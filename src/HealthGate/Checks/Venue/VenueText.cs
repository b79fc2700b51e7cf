using System.Text.Json;

namespace HealthGate.Checks.Venue;

/// <summary>Text a venue sent, cut to a readable length before it reaches a description or <c>data</c>.</summary>
internal static class VenueText
{
    public const int MaxLength = 200;

    public static string Clip(string text) => text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength), "…");

    /// <summary>JSON-quoted, so padding, an empty string or control characters show as what they are.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(Clip(text));

    public static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
