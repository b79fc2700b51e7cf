using System.Globalization;
using HealthGate.Configuration;

namespace HealthGate.Checks.Session;

/// <summary>Reads a session check's keys into a <see cref="SessionCalendar"/>, naming each bad key.</summary>
internal static class SessionCalendarParser
{
    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Mon"] = DayOfWeek.Monday,
        ["Tue"] = DayOfWeek.Tuesday,
        ["Wed"] = DayOfWeek.Wednesday,
        ["Thu"] = DayOfWeek.Thursday,
        ["Fri"] = DayOfWeek.Friday,
        ["Sat"] = DayOfWeek.Saturday,
        ["Sun"] = DayOfWeek.Sunday,
    };

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
