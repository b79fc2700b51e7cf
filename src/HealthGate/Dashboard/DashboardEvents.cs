using System.Threading.Channels;

namespace HealthGate.Dashboard;

/// <summary>
/// Fans events out to the open streams. Bounded twice: at most <see cref="MaxStreams"/> streams, each with a queue
/// of <see cref="QueueLength"/> that drops its oldest event for a slow reader, so no browser can make the gate hold memory.
/// </summary>
internal sealed class DashboardEvents
{
    public const int MaxStreams = 32;
    public const int QueueLength = 64;

    private readonly Lock _lock = new();
    private readonly List<EventSubscription> _subscriptions = [];
    private long _version;

    /// <summary>
    /// How many changes were published (check transitions, preflight runs, overrides; not the readiness run that
    /// completes every period): a page over the stream bound polls this one number and refreshes only when it moved,
    /// instead of re-reading every list and history each period.
    /// </summary>
    public long Version => Interlocked.Read(ref _version);

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    public EventSubscription? TrySubscribe()
    {
        var channel = Channel.CreateBounded<DashboardEvent>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            if (_subscriptions.Count >= MaxStreams)
            {
                return null;
            }

            var subscription = new EventSubscription(channel, Unsubscribe);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    /// <summary>Sends <paramref name="item"/> to every open stream; <paramref name="isChange"/> false for the periodic readiness run.</summary>
    public void Publish(DashboardEvent item, bool isChange = true)
    {
        if (isChange)
        {
            Interlocked.Increment(ref _version);
        }

        EventSubscription[] targets;
        lock (_lock)
        {
            targets = [.. _subscriptions];
        }

        foreach (var target in targets)
        {
            target.Writer.TryWrite(item);
        }
    }

    private void Unsubscribe(EventSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }
}
