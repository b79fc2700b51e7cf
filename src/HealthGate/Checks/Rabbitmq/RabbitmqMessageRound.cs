using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace HealthGate.Checks.Rabbitmq;

/// <summary>
/// One message sent round on an open connection: a private queue (server-named, exclusive, auto-deleted, so it
/// needs no name of its own and vanishes with the connection), a consumer on it, one message published to it through
/// the default exchange, and its delivery awaited. It ends early on the broker's own signals: <c>connection.blocked</c>
/// (a memory or disk alarm holds every publisher) or the channel closed by the broker (a right refused).
/// </summary>
internal sealed class RabbitmqMessageRound
{
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<string> _blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ShutdownEventArgs> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _message = Guid.NewGuid().ToByteArray();

    /// <summary>Listens for <c>connection.blocked</c> from the moment the connection is open: the broker may send it at once.</summary>
    public RabbitmqMessageRound(IConnection connection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _time = time;
        connection.ConnectionBlockedAsync += (_, e) =>
        {
            _blocked.TrySetResult(e.Reason);
            return Task.CompletedTask;
        };
    }

    /// <summary>The broker's reason when it blocked the connection (<c>low on memory</c>, <c>low on disk</c>), else null.</summary>
    public string? BlockedReason => _blocked.Task.IsCompleted ? _blocked.Task.Result : null;

    /// <summary>
    /// Runs the round until the message is back (the milliseconds from publish to delivery), or the connection is
    /// blocked or the channel closed (null: see <see cref="BlockedReason"/> and <see cref="ClosedBy"/>). Every wait ends
    /// with <paramref name="cancellationToken"/>, whatever the client does.
    /// </summary>
    public async Task<double?> RunAsync(IConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // The channel is not closed on its own: aborting the connection ends it, without waiting on close-ok.
        var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).WaitAsync(cancellationToken);
        channel.ChannelShutdownAsync += (_, e) =>
        {
            _closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken).WaitAsync(cancellationToken);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, e) =>
        {
            if (e.Body.Span.SequenceEqual(_message))
            {
                _delivered.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, cancellationToken).WaitAsync(cancellationToken);

        var published = _time.GetTimestamp();
        await channel.BasicPublishAsync("", queue.QueueName, _message, cancellationToken).AsTask().WaitAsync(cancellationToken);
        var first = await Task.WhenAny(_delivered.Task, _blocked.Task, _closed.Task).WaitAsync(cancellationToken);
        return first == _delivered.Task ? Math.Round(_time.GetElapsedTime(published).TotalMilliseconds, 3) : null;
    }

    /// <summary>Why the broker closed the channel during the round, if it did.</summary>
    public ShutdownEventArgs? ClosedBy => _closed.Task.IsCompleted ? _closed.Task.Result : null;
}
