using HealthGate.Secrets;

namespace HealthGate.Notify;

/// <summary>
/// <c>HealthGate:Notify</c>: where notifications go (<see cref="Targets"/>, by name) and how often an open problem is
/// repeated. No target, no notification: the gate then only computes nothing and sends nothing.
/// </summary>
internal sealed class NotifyOptions : ISecretSource
{
    public const string SectionName = "Notify";

    public Dictionary<string, NotifyTargetOptions> Targets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>An open problem is sent again after this many minutes (1 to 1440).</summary>
    public int MinReminderMinutes { get; set; } = 60;

    /// <summary>How long one delivery attempt may take before it counts as failed and is retried (1 to 60).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public TimeSpan ReminderInterval => TimeSpan.FromMinutes(MinReminderMinutes);

    /// <summary>Routing keys, HMAC secrets and the URLs that carry a credential (Slack's, a webhook's).</summary>
    public IEnumerable<string> Secrets() => Targets.Values.SelectMany(t => t.SecretValues());
}
