using System.Globalization;
using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Exchange;

/// <summary>
/// The exchange's rate-limit budget from the ping answer's used-weight header (Binance: <c>X-MBX-USED-WEIGHT-1M</c>).
/// A desk that starts with its budget nearly spent is banned within the minute; an unreadable header proves no
/// headroom, so it fails too.
/// </summary>
internal static class UsedWeight
{
    /// <summary>Null when there is headroom (with the figures added to <paramref name="data"/>), else the failure.</summary>
    public static HealthCheckResult? Judge(HttpProbeResponse ping, string header, int limit, int maxPercent, Dictionary<string, object> data)
    {
        if (!ping.Headers.TryGetValue(header, out var values) || values.Length == 0)
        {
            return CheckOutcome.Unhealthy(Reasons.MissingField, $"the ping answer has no {header} header, so the rate-limit headroom is unknown", data);
        }

        long? used = null;
        foreach (var value in values)
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the {header} header '{Clip(value)}' is not a non-negative integer", data);
            }

            if (used is { } earlier && earlier != parsed)
            {
                return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the {header} header is given twice with different values ({earlier}, {parsed})", data);
            }

            used = parsed;
        }

        var percent = used!.Value * 100.0 / limit;
        data["usedWeight"] = used.Value;
        data["weightLimit"] = limit;
        data["usedWeightPercent"] = Math.Round(percent, 1);

        // Compared in integers: used / limit * 100 >= max, without rounding at the edge.
        return used.Value * 100 >= (long)maxPercent * limit
            ? CheckOutcome.Unhealthy(Reasons.RateLimitHeadroom, $"used weight {used.Value} of {limit} ({percent:F1}%) is at or above {maxPercent}% of the rate limit", data)
            : null;
    }

    private static string Clip(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
