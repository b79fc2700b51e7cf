using System.Globalization;

namespace HealthGate.Cli;

/// <summary>The design's timestamp format, UTC with milliseconds: <c>2026-11-22T08:53:04.123Z</c>.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
