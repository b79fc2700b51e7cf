using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Venue;

/// <summary>
/// Kraken <c>GET /0/public/SystemStatus</c>: <c>{"error":[],"result":{"status":"online","timestamp":"..."}}</c>.
/// Statuses match exactly (ordinal): <c>Online</c> or <c>online </c> is not a status Kraken sends, so it is unreadable.
/// The status counts only with a fresh <c>result.timestamp</c>.
/// </summary>
internal static class KrakenSystemStatus
{
    public const string Online = "online";
    public const string Maintenance = "maintenance";

    /// <summary>The venue takes some orders but not all: a strategy that needs the rest cannot run.</summary>
    public static readonly string[] Restricted = ["cancel_only", "post_only", "limit_only"];

    public static HealthCheckResult Judge(JsonElement root, DateTimeOffset now, TimeSpan maxAge, Dictionary<string, object> data)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Array)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, "the answer has no \"error\" array (Kraken system status)", data);
        }

        if (error.GetArrayLength() > 0)
        {
            string[] errors = [.. error.EnumerateArray().Take(5).Select(e => VenueText.Clip(e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText()))];
            data["venueErrors"] = errors;
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"Kraken answered with errors: {string.Join(", ", errors.Select(VenueText.Quote))}", data);
        }

        if (!root.TryGetProperty("result", out var result) || VenueText.StringProperty(result, "status") is not { } status)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, "the answer has no \"result\" with a \"status\" string (Kraken system status)", data);
        }

        data["venueStatus"] = VenueText.Clip(status);
        if (Stale(result, now, maxAge, data) is { } stale)
        {
            return stale;
        }

        var shown = VenueText.Quote(status);
        return status switch
        {
            Online => CheckOutcome.Healthy("Kraken system status \"online\"", data),
            Maintenance => CheckOutcome.Unhealthy(Reasons.VenueMaintenance, "Kraken is in maintenance: no orders are accepted", data),
            _ when Restricted.Contains(status, StringComparer.Ordinal) => CheckOutcome.Unhealthy(Reasons.VenueRestricted, $"Kraken is restricted ({shown}): not every order type is accepted", data),
            _ => CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"Kraken system status {shown} is not one Kraken documents (online, maintenance, cancel_only, post_only, limit_only)", data),
        };
    }

    /// <summary>
    /// The status is Kraken's word at <c>result.timestamp</c>: required, an ISO 8601 instant with an offset, and within
    /// <paramref name="maxAge"/> of the gate's clock either way. An "online" from long ago (a cache, a replay) or from
    /// a clock far ahead says nothing about now.
    /// </summary>
    private static HealthCheckResult? Stale(JsonElement result, DateTimeOffset now, TimeSpan maxAge, Dictionary<string, object> data)
    {
        if (VenueText.StringProperty(result, "timestamp") is not { } text)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, "the answer has no \"result.timestamp\" string (Kraken system status): nothing shows when the status was given", data);
        }

        data["venueTimestamp"] = VenueText.Clip(text);
        if (!IsoInstant.TryParse(text, out var timestamp))
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"Kraken's result.timestamp {VenueText.Quote(text)} is not an ISO 8601 instant with an offset", data);
        }

        var age = now - timestamp;
        data["statusAgeSeconds"] = Math.Round(age.TotalSeconds, 3);
        if (age.Duration() <= maxAge)
        {
            return null;
        }

        var side = age > TimeSpan.Zero ? "before" : "ahead of";
        return CheckOutcome.Unhealthy(
            Reasons.StaleStatus,
            $"Kraken's status {VenueText.Quote(VenueText.StringProperty(result, "status")!)} is stamped {Timestamps.ToText(timestamp)}, {Math.Round(age.Duration().TotalSeconds)} s {side} the gate's clock (at most {maxAge.TotalSeconds} s either way)",
            data);
    }
}
