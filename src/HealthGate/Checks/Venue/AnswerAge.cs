using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Venue;

/// <summary>
/// How old a status answer is by HTTP's own account: its <c>Date</c> (RFC 9110, when the origin made it; a cache keeps
/// it) and <c>Age</c> (RFC 9111, how long a cache held it). A cache or a proxy can hand back an "open" given long ago,
/// and Binance's and Statuspage's bodies carry no time of their own, so <c>Date</c> is required and both are read
/// strictly; either further than the bound from the gate's clock, either way, is <c>stale_status</c>.
/// </summary>
internal static class AnswerAge
{
    /// <summary>Null when the answer is fresh enough; otherwise the Unhealthy result saying why not.</summary>
    public static HealthCheckResult? Judge(IReadOnlyDictionary<string, string[]> headers, DateTimeOffset now, TimeSpan maxAge, Dictionary<string, object> data)
    {
        if (!headers.TryGetValue("Date", out var dates) || dates.Length != 1
            || !DateTimeOffset.TryParseExact(dates[0], "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var shown = dates is null ? "none" : string.Join(", ", dates.Select(VenueText.Quote));
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the answer has no single HTTP Date header (got {shown}): nothing shows when it was given", data);
        }

        data["answeredAt"] = Timestamps.ToText(date);
        var byDate = now - date;
        data["answerAgeSeconds"] = Math.Round(byDate.TotalSeconds, 3);
        if (byDate.Duration() > maxAge)
        {
            var side = byDate > TimeSpan.Zero ? "before" : "ahead of";
            return CheckOutcome.Unhealthy(Reasons.StaleStatus, $"the answer is dated {dates[0]}, {Seconds(byDate.Duration())} s {side} the gate's clock (at most {Seconds(maxAge)} s either way)", data);
        }

        if (!headers.TryGetValue("Age", out var ages))
        {
            return null;
        }

        if (ages.Length != 1 || !long.TryParse(ages[0], NumberStyles.None, CultureInfo.InvariantCulture, out var age))
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the answer's HTTP Age header ({string.Join(", ", ages.Select(VenueText.Quote))}) is not one non-negative number of seconds", data);
        }

        data["cacheAgeSeconds"] = age;
        return age > maxAge.TotalSeconds
            ? CheckOutcome.Unhealthy(Reasons.StaleStatus, $"a cache held the answer for {age} s (HTTP Age; at most {Seconds(maxAge)} s)", data)
            : null;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
