using System.Threading.Channels;

namespace HealthGate.Notify;

/// <summary>
/// Hands runs and override changes to the planner without waiting (a preflight never waits on a notification), and
/// wakes the delivery worker when the outbox has something new.
/// </summary>
internal sealed class NotifyQueue
{
    private const int Capacity = 4096;

    private readonly Channel<NotifyWork> _work = Channel.CreateBounded<NotifyWork>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public ChannelReader<NotifyWork> Work => _work.Reader;

    /// <summary>False when the queue is full (the caller logs it).</summary>
    public bool Post(NotifyWork work) => _work.Writer.TryWrite(work);

    public void WakeDelivery() => _wake.Writer.TryWrite(true);

    /// <summary>Waits for <see cref="WakeDelivery"/> or <paramref name="poll"/>, whichever comes first.</summary>
    public async Task WaitForDeliveryAsync(TimeSpan poll, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(poll, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await _wake.Reader.ReadAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
