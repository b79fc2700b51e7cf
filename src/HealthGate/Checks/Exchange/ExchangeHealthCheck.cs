using System.Text.Json;
using HealthGate.Checks.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Exchange;

/// <summary>
/// Proves the exchange answers and that our clock agrees with its clock: signed requests outside the
/// exchange's receive window are rejected. Skew is measured against the midpoint of the time request's round trip.
/// </summary>
internal sealed class ExchangeHealthCheck(ExchangeCheckOptions options, HttpProbe probe, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ping = await probe.GetAsync(options.PingUrl!, expectedStatus: null, cancellationToken);
        if (ping.Failure is { } failure)
        {
            return failure;
        }

        var data = new Dictionary<string, object> { ["pingMs"] = ping.ElapsedMs };
        if (options.TimeUrl is null)
        {
            return CheckOutcome.Healthy($"ping answered in {ping.ElapsedMs:F1} ms", data);
        }

        var sent = time.GetUtcNow();
        var timeResponse = await probe.GetAsync(options.TimeUrl, expectedStatus: null, cancellationToken);
        var received = time.GetUtcNow();
        using var response = JsonProbeResponse.From(timeResponse);
        if (response.Failure is { } timeFailure)
        {
            return timeFailure;
        }

        if (!JsonPointer.TryResolve(response.Root, options.ServerTimePointer, out var element)
            || element.ValueKind != JsonValueKind.Number
            || !element.TryGetDouble(out var serverMs))
        {
            return CheckOutcome.Unhealthy(Reasons.MissingField, $"no server time (ms since the epoch) at {options.ServerTimePointer}", data);
        }

        var rttMs = (received - sent).TotalMilliseconds;
        var midpointMs = sent.ToUnixTimeMilliseconds() + (rttMs / 2);
        var skewMs = Math.Round(serverMs - midpointMs, 1);
        data["skewMs"] = skewMs;
        data["rttMs"] = Math.Round(rttMs, 3);
        return Math.Abs(skewMs) > options.MaxClockSkewMs
            ? CheckOutcome.Unhealthy(Reasons.ClockSkew, $"clock skew {skewMs:F0} ms exceeds {options.MaxClockSkewMs} ms", data)
            : CheckOutcome.Healthy($"ping {ping.ElapsedMs:F1} ms, clock skew {skewMs:F0} ms", data);
    }
}
