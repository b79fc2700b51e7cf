using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthGate.Contracts;

/// <summary>Writes timestamps in the design's format (<see cref="Timestamps"/>); reads any ISO 8601 timestamp.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Timestamps.TryParse(reader.GetString(), out var timestamp) ? timestamp : throw new JsonException("not a timestamp");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Timestamps.ToText(value));
    }
}
