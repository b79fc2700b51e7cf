using System.Globalization;

namespace HealthGate.Contracts;

/// <summary>The design's timestamp format, UTC with milliseconds: <c>2026-11-22T08:53:04.123Z</c>.</summary>
public static class Timestamps
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset timestamp) => timestamp.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset timestamp) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
}
