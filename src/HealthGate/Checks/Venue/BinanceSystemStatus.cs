using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Venue;

/// <summary>
/// Binance <c>GET /sapi/v1/system/status</c>: <c>{"status":0,"msg":"normal"}</c> or
/// <c>{"status":1,"msg":"system maintenance"}</c>. Only the integer 0 opens the venue; any other value is unreadable.
/// </summary>
internal static class BinanceSystemStatus
{
    public const string NormalMessage = "normal";

    public static HealthCheckResult Judge(JsonElement root, Dictionary<string, object> data)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("status", out var status)
            || status.ValueKind != JsonValueKind.Number
            || !status.TryGetInt32(out var code))
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, "the answer has no integer \"status\" (Binance system status: 0 normal, 1 maintenance)", data);
        }

        var message = VenueText.StringProperty(root, "msg");
        data["venueStatus"] = code;
        if (message is not null)
        {
            data["venueMessage"] = VenueText.Clip(message);
        }

        var shown = message is null ? "" : $" ({VenueText.Quote(message)})";
        return code switch
        {
            // Status 0 beside a message other than "normal" contradicts itself: it is not read as open.
            0 when message is null || AsciiCase.Equals(message, NormalMessage) => CheckOutcome.Healthy($"Binance system status 0{shown}", data),
            0 => CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"Binance system status 0 with message {VenueText.Quote(message!)} instead of \"normal\"", data),
            1 => CheckOutcome.Unhealthy(Reasons.VenueMaintenance, $"Binance is in system maintenance{shown}", data),
            _ => CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"Binance system status {code}{shown} is not one Binance documents (0 normal, 1 maintenance)", data),
        };
    }
}
