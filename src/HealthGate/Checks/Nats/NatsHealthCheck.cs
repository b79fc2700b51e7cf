using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace HealthGate.Checks.Nats;

/// <summary>
/// Proves a new client can connect to NATS and gets a PONG back. Each run connects afresh and disposes its
/// connection, so no connection kept from an earlier run can stand in for a server that no longer answers.
/// </summary>
internal sealed class NatsHealthCheck(NatsCheckOptions options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The client bounds the connect by its ConnectTimeout; the check does not trust a client timeout to cover the
        // PONG as well (a server frozen between the two), so it bounds itself by TimeoutMs too.
        using var expiry = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.TimeoutMs), time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        var started = Stopwatch.GetTimestamp();
        await using var connection = new NatsConnection(options.ToClientOptions());
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(bounded.Token);
            var connectMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
            var rtt = await connection.PingAsync(bounded.Token);
            var rttMs = Math.Round(rtt.TotalMilliseconds, 3);
            return CheckOutcome.Healthy(
                $"PONG from {options.Target} in {rttMs:F1} ms",
                new Dictionary<string, object> { ["connectMs"] = connectMs, ["rttMs"] = rttMs });
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return CheckOutcome.Unhealthy(Reasons.Timeout, $"no answer from NATS at {options.Target} within {options.TimeoutMs} ms");
        }
        catch (Exception ex) when (ex is NatsException or TimeoutException)
        {
            // The client wraps the cause ("Connection refused", "Authorization Violation", a connect timeout): judge and show that.
            var cause = Innermost(ex);
            return cause is TimeoutException or NatsTimeoutException
                ? CheckOutcome.Unhealthy(Reasons.Timeout, $"no answer from NATS at {options.Target} in time: {cause.Message}")
                : CheckOutcome.Unhealthy(Reasons.Unreachable, $"cannot reach NATS at {options.Target}: {cause.Message}");
        }
    }

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
