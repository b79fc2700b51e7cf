using HealthGate.Metrics;
using Microsoft.Extensions.Options;
using Prometheus;

namespace HealthGate.Notify;

/// <summary><c>healthgate_notifications_total{target,outcome}</c>: delivery attempts by configured target name and outcome.</summary>
internal sealed class NotifyMetrics : IInstrumentOwner
{
    public const string Name = "healthgate_notifications_total";

    public const string Delivered = "delivered";

    /// <summary>An attempt that failed and will be made again (5xx, 429, 408, a timeout, no connection).</summary>
    public const string Retry = "retry";

    /// <summary>Refused for good (another 4xx): the message is not sent again.</summary>
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> Outcomes { get; } = [Delivered, Retry, Rejected];

    private readonly Counter _notifications;

    public NotifyMetrics(IOptions<NotifyOptions> options, IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        _notifications = factory.CreateCounter(Name, "Notification delivery attempts by target and outcome.", ["target", "outcome"]);
        foreach (var target in options.Value.Targets.Keys)
        {
            foreach (var outcome in Outcomes)
            {
                _notifications.WithLabels(target, outcome);
            }
        }
    }

    public void Record(string target, string outcome) => _notifications.WithLabels(target, outcome).Inc();
}
