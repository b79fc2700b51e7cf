using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Venue;

/// <summary>
/// Proves the trading venue says it is open now: its documented status answer (<see cref="VenueFormat"/>) is fresh
/// (HTTP <c>Date</c> and <c>Age</c>, and Kraken's own timestamp, within <c>MaxStatusAgeSeconds</c> of the gate's
/// clock) and shows no maintenance, no restriction, no outage and, for a status page, no maintenance starting within
/// the lead time.
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

        // The clock is read once the answer is in, so the time spent waiting for it counts towards its age.
        var rules = VenueRules.From(options, time.GetUtcNow());
        var data = new Dictionary<string, object> { ["format"] = _format.ToString().ToLowerInvariant(), ["latencyMs"] = response.Response.ElapsedMs };
        if (AnswerAge.Judge(response.Response.Headers, rules.Now, rules.MaxAge, data) is { } stale)
        {
            return stale;
        }

        return _format switch
        {
            VenueFormat.Binance => BinanceSystemStatus.Judge(response.Root, data),
            VenueFormat.Kraken => KrakenSystemStatus.Judge(response.Root, rules.Now, rules.MaxAge, data),
            _ => StatuspageSummary.Judge(response.Root, rules, data),
        };
    }
}
