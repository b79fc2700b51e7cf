using HealthGate.Checks.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Venue;

/// <summary>
/// Proves the trading venue says it is open: its documented status answer (<see cref="VenueFormat"/>) shows no
/// maintenance, no restriction and, for a status page, no maintenance starting within the lead time.
/// </summary>
internal sealed class VenueHealthCheck(VenueCheckOptions options, HttpProbe probe, TimeProvider time) : IHealthCheck
{
    private readonly VenueFormat _format = options.ParsedFormat;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var response = await probe.GetJsonAsync(options.Url!, cancellationToken);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        var data = new Dictionary<string, object> { ["format"] = _format.ToString().ToLowerInvariant(), ["latencyMs"] = response.Response.ElapsedMs };
        return _format switch
        {
            VenueFormat.Binance => BinanceSystemStatus.Judge(response.Root, data),
            VenueFormat.Kraken => KrakenSystemStatus.Judge(response.Root, data),
            _ => StatuspageSummary.Judge(response.Root, time.GetUtcNow(), TimeSpan.FromMinutes(options.MaintenanceLeadMinutes), data),
        };
    }
}
