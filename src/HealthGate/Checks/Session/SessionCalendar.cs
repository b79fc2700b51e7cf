using HealthGate.Configuration;

namespace HealthGate.Checks.Session;

/// <summary>
/// A desk's trading calendar: windows in local time, less the blackouts. Open intervals are worked out as UTC
/// instants, day by day in the local zone, so a window follows its wall clock across daylight-saving changes.
/// </summary>
internal sealed class SessionCalendar
{
    /// <summary>How far ahead the next opening is looked for; past that none is reported.</summary>
    public const int HorizonDays = 400;

    public SessionCalendar(TimeZoneInfo zone, IReadOnlyList<SessionWindow> windows, IReadOnlyList<SessionBlackout> blackouts)
    {
        Zone = zone;
        Windows = windows;
        Blackouts = blackouts;
    }

    public TimeZoneInfo Zone { get; }

    public IReadOnlyList<SessionWindow> Windows { get; }

    public IReadOnlyList<SessionBlackout> Blackouts { get; }

    /// <summary>The calendar of validated options.</summary>
    public static SessionCalendar From(SessionCheckOptions options)
    {
        var errors = new ConfigErrors();
        return SessionCalendarParser.Parse(options, "session", errors) ?? throw new InvalidOperationException(string.Join("; ", errors.Messages));
    }

    /// <summary>Whether <paramref name="now"/> is open, and when that changes.</summary>
    public SessionState At(DateTimeOffset now)
    {
        var localNow = TimeZoneInfo.ConvertTime(now, Zone);
        var blackout = Blackouts.Where(b => b.Covers(now)).MaxBy(b => b.To);
        var latestBlackout = Blackouts.Select(b => b.To).Where(t => t > now).DefaultIfEmpty(now).Max();
        var horizon = now + TimeSpan.FromDays(Math.Min(HorizonDays, Math.Max(8, (latestBlackout - now).TotalDays + 8)));
        var open = OpenIntervals(DateOnly.FromDateTime(localNow.DateTime), horizon);
        var current = open.FirstOrDefault(i => i.Start <= now && now < i.End);
        if (current != default)
        {
            // An interval running past the horizon (a 24/7 calendar) has no closing time to show.
            return new SessionState(true, null, current.End < horizon ? current.End : null, null, localNow);
        }

        var next = open.FirstOrDefault(i => i.Start > now && i.Start < horizon);
        return new SessionState(false, blackout, null, next == default ? null : next.Start, localNow);
    }

    /// <summary>The window occurrences from the day before <paramref name="today"/> to the horizon, merged, minus the blackouts.</summary>
    private List<(DateTimeOffset Start, DateTimeOffset End)> OpenIntervals(DateOnly today, DateTimeOffset horizon)
    {
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(horizon, Zone).DateTime).AddDays(1);
        var occurrences = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        for (var day = today.AddDays(-1); day <= lastDay; day = day.AddDays(1))
        {
            foreach (var window in Windows.Where(w => w.Days.Contains(day.DayOfWeek)))
            {
                var start = WallClock.Opening(Zone, day, window.From);
                var end = WallClock.Closing(Zone, window.CrossesMidnight ? day.AddDays(1) : day, window.To);
                if (end > start)
                {
                    occurrences.Add((start, end));
                }
            }
        }

        var merged = new List<(DateTimeOffset Start, DateTimeOffset End)>();
        foreach (var occurrence in occurrences.OrderBy(o => o.Start))
        {
            if (merged.Count > 0 && occurrence.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, occurrence.End > merged[^1].End ? occurrence.End : merged[^1].End);
            }
            else
            {
                merged.Add(occurrence);
            }
        }

        return [.. merged.SelectMany(Subtract).OrderBy(i => i.Start)];
    }

    private IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Subtract((DateTimeOffset Start, DateTimeOffset End) interval)
    {
        IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> pieces = [interval];
        foreach (var blackout in Blackouts)
        {
            pieces = pieces.SelectMany(p => new[] { (p.Start, Min(p.End, blackout.From)), (Max(p.Start, blackout.To), p.End) }).Where(p => p.Item2 > p.Item1).ToList();
        }

        return pieces;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
