using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Venue;

/// <summary>
/// Kraken <c>GET /0/public/SystemStatus</c>: <c>{"error":[],"result":{"status":"online","timestamp":"..."}}</c>.
/// Statuses match exactly (ordinal): <c>Online</c> or <c>online </c> is not a status Kraken sends, so it is unreadable.
/// </summary>
internal static class KrakenSystemStatus
{
    public const string Online = "online";
    public const string Maintenance = "maintenance";

    /// <summary>The venue takes some orders but not all: a strategy that needs the rest cannot run.</summary>
    public static readonly string[] Restricted = ["cancel_only", "post_only", "limit_only"];

    public static HealthCheckResult Judge(JsonElement root, Dictionary<string, object> data)
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
        if (VenueText.StringProperty(result, "timestamp") is { } timestamp)
        {
            data["venueTimestamp"] = VenueText.Clip(timestamp);
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
}
