using System.Threading.Channels;

namespace HealthGate.Dashboard;

/// <summary>One open event stream's queue; disposing it unsubscribes.</summary>
internal sealed class EventSubscription(Channel<DashboardEvent> channel, Action<EventSubscription> unsubscribe) : IDisposable
{
    public ChannelReader<DashboardEvent> Reader => channel.Reader;

    internal ChannelWriter<DashboardEvent> Writer => channel.Writer;

    public void Dispose()
    {
        channel.Writer.TryComplete();
        unsubscribe(this);
    }
}
