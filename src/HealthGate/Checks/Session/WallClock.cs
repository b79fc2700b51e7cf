namespace HealthGate.Checks.Session;

/// <summary>
/// Maps a local wall-clock time on a date to the instant it names, where daylight saving makes that ambiguous.
/// A session boundary is read the narrow way, so a window never grows: a skipped time (spring forward) is the
/// instant of the jump, the first moment the clocks read at or after it; a time that happens twice (fall back)
/// opens a window at its later occurrence and closes one at its earlier.
/// </summary>
internal static class WallClock
{
    /// <summary>The largest forward jump searched past a skipped time; real zones skip an hour, a day at most.</summary>
    private static readonly TimeSpan MaxGap = TimeSpan.FromHours(48);

    public static DateTimeOffset Opening(TimeZoneInfo zone, DateOnly date, TimeOnly time) => Instant(zone, date, time, later: true);

    public static DateTimeOffset Closing(TimeZoneInfo zone, DateOnly date, TimeOnly time) => Instant(zone, date, time, later: false);

    private static DateTimeOffset Instant(TimeZoneInfo zone, DateOnly date, TimeOnly time, bool later)
    {
        var wall = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            var after = wall;
            while (zone.IsInvalidTime(after) && after - wall < MaxGap)
            {
                after = after.AddMinutes(1);
            }

            return new DateTimeOffset(after, zone.GetUtcOffset(after));
        }

        if (zone.IsAmbiguousTime(wall))
        {
            var occurrences = zone.GetAmbiguousTimeOffsets(wall).Select(offset => new DateTimeOffset(wall, offset)).ToArray();
            return later ? occurrences.Max() : occurrences.Min();
        }

        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
