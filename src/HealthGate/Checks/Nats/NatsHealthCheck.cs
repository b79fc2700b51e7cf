using Microsoft.Extensions.Diagnostics.HealthChecks;
using NATS.Client.Core;

namespace HealthGate.Checks.Nats;

/// <summary>
/// Proves NATS carries a message: a new client connects, subscribes to a private subject (a fresh inbox), publishes
/// one message to it and receives it back. A server that accepts clients but refuses this user's publish or
/// subscribe rights answers its PING all the same, so only the round tells. Each run connects afresh and disposes its
/// connection, so no connection kept from an earlier run can stand in for a server that no longer answers.
/// </summary>
internal sealed class NatsHealthCheck(NatsCheckOptions options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The engine bounds the run by TimeoutMs and names the timeout; the client's own timeouts (ToClientOptions)
        // end a frozen server when the check runs without the engine, and WaitAsync ends each wait on the engine's
        // token where the client does not take one.
        var started = time.GetTimestamp();
        await using var connection = new NatsConnection(options.ToClientOptions());
        // A refused right is no exception: the server answers -ERR and carries on, so the check listens for it.
        var refused = new TaskCompletionSource<NatsServerErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ServerError += (_, e) =>
        {
            refused.TrySetResult(e);
            return ValueTask.CompletedTask;
        };
        try
        {
            await connection.ConnectAsync().AsTask().WaitAsync(cancellationToken);
            var connectMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
            var subject = connection.NewInbox();
            byte[] message = Guid.NewGuid().ToByteArray();
            await using var subscription = await connection.SubscribeCoreAsync<byte[]>(subject, cancellationToken: cancellationToken).AsTask().WaitAsync(cancellationToken);
            var published = time.GetTimestamp();
            await connection.PublishAsync(subject, message, cancellationToken: cancellationToken).AsTask().WaitAsync(cancellationToken);
            var received = ReceiveAsync(subscription, message, cancellationToken);
            if (await Task.WhenAny(received, refused.Task).WaitAsync(cancellationToken) != received)
            {
                return Refused(refused.Task.Result);
            }

            await received;
            var roundTripMs = Math.Round(time.GetElapsedTime(published).TotalMilliseconds, 3);
            return CheckOutcome.Healthy(
                $"a message went round a private inbox at {options.Target} in {roundTripMs:F1} ms (connected in {connectMs:F1} ms)",
                new Dictionary<string, object> { ["connectMs"] = connectMs, ["roundTripMs"] = roundTripMs });
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

    /// <summary>Reads until this run's own message arrives; the inbox is private, but nothing else is taken for it.</summary>
    private static async Task ReceiveAsync(INatsSub<byte[]> subscription, byte[] message, CancellationToken cancellationToken)
    {
        await foreach (var received in subscription.Msgs.ReadAllAsync(cancellationToken))
        {
            if (received.Data is { } data && data.AsSpan().SequenceEqual(message))
            {
                return;
            }
        }

        throw new NatsException("the subscription ended before the message came back");
    }

    private HealthCheckResult Refused(NatsServerErrorEventArgs error) => error.Kind == NatsServerErrorKind.PermissionsViolation
        ? CheckOutcome.Unhealthy(Reasons.PermissionDenied, $"NATS at {options.Target} refused: {error.Error}; the user needs publish and subscribe rights on _INBOX.>")
        : CheckOutcome.Unhealthy(Reasons.Unreachable, $"NATS at {options.Target} answered -ERR: {error.Error}");

    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
