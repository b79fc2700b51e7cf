using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HealthGate.Checks.Rabbitmq;

/// <summary>
/// Proves RabbitMQ carries a message: a new AMQP connection (TCP, handshake, authentication, virtual host) on which a
/// message goes round a private queue (<see cref="RabbitmqMessageRound"/>). A broker that accepts connections but
/// blocks publishers (a memory or disk alarm) or refuses the user's rights is not one a trading system can use.
/// Each run opens its own connection and aborts it at the end, so nothing kept from an earlier run can stand in for
/// a broker that no longer answers, and nothing outlives the run.
/// </summary>
internal sealed class RabbitmqHealthCheck(RabbitmqCheckOptions options, TimeProvider time) : IHealthCheck
{
    private const ushort AccessRefused = 403;
    private const ushort NotAllowed = 530;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The engine bounds the run by TimeoutMs and names its timeout. The client, though, waits for connection.start on
        // the token alone (its handshake timeout does not end a broker that accepted the socket and then froze), so the
        // connect carries a client-side bound of TimeoutMs, as the client's other timeouts (ToFactory) do.
        using var connectExpiry = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.TimeoutMs), time);
        using var connectBound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectExpiry.Token);
        var started = time.GetTimestamp();
        var connecting = options.ToFactory().CreateConnectionAsync(connectBound.Token);
        RabbitmqMessageRound? round = null;
        try
        {
            // WaitAsync: on a frozen broker the client's own clean-up after the cancellation takes seconds more; the
            // check answers at the bound and leaves that clean-up to CloseInBackgroundAsync.
            var connection = await connecting.WaitAsync(connectBound.Token);
            var connectMs = Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);
            round = new RabbitmqMessageRound(connection, time);
            var roundTripMs = await round.RunAsync(connection, cancellationToken);
            var version = ServerVersion(connection);
            var data = new Dictionary<string, object> { ["connectMs"] = connectMs, ["serverVersion"] = version };
            if (roundTripMs is { } ms)
            {
                data["roundTripMs"] = ms;
                return CheckOutcome.Healthy($"RabbitMQ {version} at {options.Target}: a message went round a private queue in {ms:F1} ms (connected in {connectMs:F1} ms)", data);
            }

            return round.BlockedReason is { } blocked ? Blocked(blocked) : Refused(round.ClosedBy!.ReplyCode, round.ClosedBy.ReplyText, "closed the channel");
        }
        catch (OperationCanceledException) when (connectExpiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return CheckOutcome.Unhealthy(Reasons.Timeout, $"no AMQP handshake from RabbitMQ at {options.Target} within {options.TimeoutMs} ms");
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason is { Initiator: ShutdownInitiator.Peer } reason)
        {
            // The broker refused an operation: a right on the queue or exchange (403), or the virtual host (530).
            return Refused(reason.ReplyCode, reason.ReplyText, "refused");
        }
        catch (Exception ex) when (ex is RabbitMQClientException or BrokerUnreachableException or IOException or SocketException or TimeoutException
            && !cancellationToken.IsCancellationRequested)
        {
            // The client may wrap the expiry of the connect bound in BrokerUnreachableException: that is a timeout too.
            var cause = Innermost(ex);
            return cause is TimeoutException || (cause is OperationCanceledException && connectExpiry.IsCancellationRequested)
                ? CheckOutcome.Unhealthy(Reasons.Timeout, $"no answer from RabbitMQ at {options.Target} in time: {cause.Message}")
                : CheckOutcome.Unhealthy(Reasons.Unreachable, $"cannot reach RabbitMQ at {options.Target}: {cause.Message}");
        }
        finally
        {
            _ = CloseInBackgroundAsync(connecting, TimeSpan.FromMilliseconds(Math.Min(options.TimeoutMs, 1000)));
        }
    }

    private HealthCheckResult Blocked(string reason) => CheckOutcome.Unhealthy(
        Reasons.BrokerBlocked,
        $"RabbitMQ at {options.Target} blocked the publishing connection (connection.blocked: {reason}): under a memory or disk alarm no publisher gets a message through",
        new Dictionary<string, object> { ["blockedReason"] = reason });

    /// <summary>403 anywhere, or 530 for a virtual host the user has no rights on, is a right missing; any other refusal leaves the broker unusable.</summary>
    private HealthCheckResult Refused(ushort code, string text, string what)
    {
        var data = new Dictionary<string, object> { ["replyCode"] = (int)code };
        var denied = code == AccessRefused || (code == NotAllowed && text.Contains("access to vhost", StringComparison.Ordinal));
        return denied
            ? CheckOutcome.Unhealthy(Reasons.PermissionDenied, $"RabbitMQ at {options.Target} {what}: {text}; the user needs configure, write and read rights on its own queues and write on the default exchange", data)
            : CheckOutcome.Unhealthy(Reasons.Unreachable, $"RabbitMQ at {options.Target} {what}: {code} {text}", data);
    }

    /// <summary>
    /// Every run's connection is aborted, whether it opened, failed or is still opening when the check answers (one
    /// that opens late is aborted then), so no connection outlives its run by more than the client's own clean-up.
    /// Abort, not close: it waits for the broker's close-ok at most <paramref name="abortTimeout"/>.
    /// </summary>
    private static async Task CloseInBackgroundAsync(Task<IConnection> connecting, TimeSpan abortTimeout)
    {
        try
        {
            await using var connection = await connecting;
            await connection.AbortAsync(abortTimeout);
        }
        catch (Exception ex) when (ex is RabbitMQClientException or BrokerUnreachableException or IOException or SocketException or TimeoutException or OperationCanceledException)
        {
            // Nothing to close, or it is closed already: the run's answer has been given.
        }
    }

    private static string ServerVersion(IConnection connection) =>
        connection.ServerProperties?.TryGetValue("version", out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : "?";

    // The client wraps the cause ("Connection refused", ACCESS_REFUSED, a handshake timeout): judge and show that.
    private static Exception Innermost(Exception ex) => ex.InnerException is null ? ex : Innermost(ex.InnerException);
}
