using System.Globalization;
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

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Mon"] = DayOfWeek.Monday, ["Tue"] = DayOfWeek.Tuesday, ["Wed"] = DayOfWeek.Wednesday, ["Thu"] = DayOfWeek.Thursday,
        ["Fri"] = DayOfWeek.Friday, ["Sat"] = DayOfWeek.Saturday, ["Sun"] = DayOfWeek.Sunday,
    };

    private SessionCalendar(TimeZoneInfo zone, IReadOnlyList<SessionWindow> windows, IReadOnlyList<SessionBlackout> blackouts)
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
        return Parse(options, "session", errors) ?? throw new InvalidOperationException(string.Join("; ", errors.Messages));
    }

    /// <summary>The calendar, or null with one error per bad key under <paramref name="key"/>.</summary>
    public static SessionCalendar? Parse(SessionCheckOptions options, string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Messages.Count;
        var zone = ParseZone($"{key}:TimeZone", options.TimeZone, errors);
        var windows = new List<SessionWindow>();
        if (options.Windows is not { Length: > 0 })
        {
            errors.Add($"{key}:Windows", "must list at least one window, e.g. [{\"Days\":[\"Mon\",\"Tue\"],\"From\":\"08:00\",\"To\":\"16:30\"}]");
        }

        for (var i = 0; i < (options.Windows?.Length ?? 0); i++)
        {
            if (ParseWindow($"{key}:Windows:{i}", options.Windows![i], errors) is { } window)
            {
                windows.Add(window);
            }
        }

        var blackouts = new List<SessionBlackout>();
        for (var i = 0; i < (options.Blackouts?.Length ?? 0); i++)
        {
            if (ParseBlackout($"{key}:Blackouts:{i}", options.Blackouts![i], errors) is { } blackout)
            {
                blackouts.Add(blackout);
            }
        }

        return errors.Messages.Count == before ? new SessionCalendar(zone!, windows, blackouts) : null;
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

    private static TimeZoneInfo? ParseZone(string key, string? id, ConfigErrors errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(key, "is required (an IANA time zone id such as Europe/London)");
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            errors.Add(key, $"unknown time zone '{id}' (an IANA time zone id such as Europe/London; the host needs tzdata)");
            return null;
        }
    }

    private static SessionWindow? ParseWindow(string key, SessionWindowOptions window, ConfigErrors errors)
    {
        var before = errors.Messages.Count;
        var days = new HashSet<DayOfWeek>();
        if (window.Days is not { Length: > 0 })
        {
            errors.Add($"{key}:Days", "must list at least one day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
        }

        for (var i = 0; i < (window.Days?.Length ?? 0); i++)
        {
            if (window.Days![i] is { } name && name.All(char.IsAsciiLetter) && DayNames.TryGetValue(name, out var day))
            {
                days.Add(day);
            }
            else
            {
                errors.Add($"{key}:Days:{i}", $"'{window.Days[i]}' is not a day (Mon, Tue, Wed, Thu, Fri, Sat, Sun)");
            }
        }

        var from = ParseTime($"{key}:From", window.From, errors);
        var to = ParseTime($"{key}:To", window.To, errors);
        return errors.Messages.Count == before ? new SessionWindow(days, from, to) : null;
    }

    private static TimeOnly ParseTime(string key, string? text, ConfigErrors errors)
    {
        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors.Add(key, $"must be a local time HH:mm, 00:00 to 23:59 (was '{text}')");
        return default;
    }

    private static SessionBlackout? ParseBlackout(string key, SessionBlackoutOptions blackout, ConfigErrors errors)
    {
        var before = errors.Messages.Count;
        var fromOk = IsoInstant.TryParse(blackout.From, out var from);
        var toOk = IsoInstant.TryParse(blackout.To, out var to);
        foreach (var (name, ok, text) in new[] { ("From", fromOk, blackout.From), ("To", toOk, blackout.To) })
        {
            if (!ok)
            {
                errors.Add($"{key}:{name}", $"must be an ISO 8601 instant with Z or an offset, e.g. 2026-12-24T12:00:00Z (was '{text}')");
            }
        }

        if (fromOk && toOk && to <= from)
        {
            errors.Add($"{key}:To", "must be after From");
        }

        errors.Require($"{key}:Reason", blackout.Reason);
        return errors.Messages.Count == before ? new SessionBlackout(from, to, blackout.Reason!.Trim()) : null;
    }
}
