using System.Text.Json;
using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Exchange;

/// <summary>
/// Proves the exchange answers and that our clock agrees with its clock: signed requests outside the
/// exchange's receive window are rejected. The skew is bounded by the round trip (<see cref="ClockSample"/>).
/// </summary>
internal sealed class ExchangeHealthCheck(ExchangeCheckOptions options, HttpProbe probe, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Without a weight limit nothing about the clock waits on the ping's answer, so the first time sample runs
        // beside the ping: one round trip fewer on the run's critical path. Its round trip is still its own request's
        // (a busier moment can only widen the bound), and the ping's failure still wins. With a weight limit the ping's
        // used weight is judged before the clock is asked at all, so everything stays in sequence.
        using var firstSampleCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var firstSample = options.TimeUrl is not null && options.WeightLimit is null ? SampleAsync(firstSampleCancel.Token) : null;
        try
        {
            return await CheckAsync(firstSample, cancellationToken);
        }
        finally
        {
            // Already awaited unless the ping's outcome is the answer (it failed, or the run was cancelled); then the
            // sample is abandoned, and waited for so that no request outlives the check.
            if (firstSample is not null)
            {
                await firstSampleCancel.CancelAsync();
                await ((Task)firstSample).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<HealthCheckResult> CheckAsync(Task<(ClockSample Sample, HealthCheckResult? Failure)>? firstSample, CancellationToken cancellationToken)
    {
        var ping = await probe.GetAsync(options.PingUrl!, expectedStatus: null, cancellationToken);
        if (ping.Failure is { } failure)
        {
            return failure;
        }

        var data = new Dictionary<string, object> { ["pingMs"] = ping.ElapsedMs };

        // Judged before the time requests, which spend weight of their own.
        if (options.WeightLimit is { } limit
            && UsedWeight.Judge(ping, options.UsedWeightHeaderName, limit, options.MaxUsedWeightPercentOrDefault, data) is { } noHeadroom)
        {
            return noHeadroom;
        }

        if (options.TimeUrl is null)
        {
            return CheckOutcome.Healthy($"ping answered in {ping.ElapsedMs:F1} ms", data);
        }

        ClockSample? best = null;
        for (var i = 0; i < options.TimeSamples; i++)
        {
            var (sample, sampleFailure) = await (i == 0 && firstSample is not null ? firstSample : SampleAsync(cancellationToken));
            if (sampleFailure is { } bad)
            {
                return bad;
            }

            if (best is null || sample.RttMs < best.Value.RttMs)
            {
                best = sample;
            }
        }

        var clock = best!.Value;
        data["offsetMs"] = Math.Round(clock.OffsetMs, 1);
        data["rttMs"] = Math.Round(clock.RttMs, 3);
        data["boundMs"] = Math.Round(clock.BoundMs, 1);
        return clock.IsWithin(options.MaxClockSkewMs)
            ? CheckOutcome.Healthy($"ping {ping.ElapsedMs:F1} ms, clock offset {clock.OffsetMs:F0} ms (bound {clock.BoundMs:F0} ms)", data)
            : CheckOutcome.Unhealthy(
                Reasons.ClockSkew,
                $"clock offset {clock.OffsetMs:F0} ms ± {clock.RttMs / 2:F0} ms (round trip {clock.RttMs:F0} ms) may exceed {options.MaxClockSkewMs} ms",
                data);
    }

    private async Task<(ClockSample Sample, HealthCheckResult? Failure)> SampleAsync(CancellationToken cancellationToken)
    {
        var sent = time.GetUtcNow();
        var answer = await probe.GetAsync(options.TimeUrl!, expectedStatus: null, cancellationToken);
        var received = time.GetUtcNow();
        using var response = JsonProbeResponse.From(answer);
        if (response.Failure is { } failure)
        {
            return (default, failure);
        }

        if (!JsonPointer.TryResolve(response.Root, options.ServerTimePointer, out var element)
            || element.ValueKind != JsonValueKind.Number
            || !element.TryGetDouble(out var serverMs))
        {
            return (default, CheckOutcome.Unhealthy(Reasons.MissingField, $"no server time (ms since the epoch) at {options.ServerTimePointer}"));
        }

        return (new ClockSample(UnixMs(sent), UnixMs(received), serverMs), null);
    }

    private static double UnixMs(DateTimeOffset t) => (t - DateTimeOffset.UnixEpoch).TotalMilliseconds;
}
