namespace HealthGate.Checks.Venue;

/// <summary>The documented status answers the <c>venue</c> check can read; each has its own reader.</summary>
internal enum VenueFormat
{
    /// <summary>Binance <c>GET /sapi/v1/system/status</c>: <c>{"status":0,"msg":"normal"}</c>.</summary>
    Binance,

    /// <summary>Kraken <c>GET /0/public/SystemStatus</c>: <c>{"error":[],"result":{"status":"online",...}}</c>.</summary>
    Kraken,

    /// <summary>Atlassian Statuspage v2 <c>GET /api/v2/summary.json</c>.</summary>
    Statuspage,
}
