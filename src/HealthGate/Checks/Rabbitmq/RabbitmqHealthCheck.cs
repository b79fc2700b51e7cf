using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HealthGate.Checks.Rabbitmq;

/// <summary>
/// Proves RabbitMQ accepts a new AMQP connection (TCP, handshake, authentication, virtual host) and opens a channel.
/// Each run opens its own connection and aborts it at the end, so nothing kept from an earlier run can stand in for
/// a broker that no longer answers, and nothing outlives the run.
/// </summary>
internal sealed class RabbitmqHealthCheck(RabbitmqCheckOptions options, TimeProvider time) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // The client waits for connection.start and channel.open-ok on the token alone (its handshake timeout does not
        // end a broker that accepted the socket and then froze), so the check bounds itself by TimeoutMs as well.
        using var expiry = new CancellationTokenSource(TimeSpan.FromMilliseconds(options.TimeoutMs), time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        var started = Stopwatch.GetTimestamp();
        var connecting = options.ToFactory().CreateConnectionAsync(bounded.Token);
        try
        {
            // WaitAsync: on a frozen broker the client's own clean-up after the cancellation takes seconds more; the
            // check answers at the bound and leaves that clean-up to CloseInBackgroundAsync.
            var connection = await connecting.WaitAsync(bounded.Token);
            var connectMs = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 3);
            var channelStarted = Stopwatch.GetTimestamp();
            // The channel is not closed on its own: aborting the connection ends it, without waiting on close-ok.
            await connection.CreateChannelAsync(cancellationToken: bounded.Token).WaitAsync(bounded.Token);
            var channelMs = Math.Round(Stopwatch.GetElapsedTime(channelStarted).TotalMilliseconds, 3);
            var version = ServerVersion(connection);
            return CheckOutcome.Healthy(
                $"RabbitMQ {version} at {options.Target}: connected in {connectMs:F1} ms, channel open in {channelMs:F1} ms",
                new Dictionary<string, object> { ["connectMs"] = connectMs, ["channelMs"] = channelMs, ["serverVersion"] = version });
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return CheckOutcome.Unhealthy(Reasons.Timeout, $"no answer from RabbitMQ at {options.Target} within {options.TimeoutMs} ms");
        }
        catch (Exception ex) when (ex is RabbitMQClientException or BrokerUnreachableException or IOException or SocketException or TimeoutException)
        {
            // The client may wrap the expiry of our own bound in BrokerUnreachableException: that is a timeout too.
            var cause = Innermost(ex);
            return cause is TimeoutException || (cause is OperationCanceledException && expiry.IsCancellationRequested)
                ? CheckOutcome.Unhealthy(Reasons.Timeout, $"no answer from RabbitMQ at {options.Target} in time: {cause.Message}")
                : CheckOutcome.Unhealthy(Reasons.Unreachable, $"cannot reach RabbitMQ at {options.Target}: {cause.Message}");
        }
        finally
        {
            _ = CloseInBackgroundAsync(connecting, TimeSpan.FromMilliseconds(Math.Min(options.TimeoutMs, 1000)));
        }
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
