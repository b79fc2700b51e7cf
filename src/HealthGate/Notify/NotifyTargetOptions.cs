namespace HealthGate.Notify;

/// <summary>One notification target: its receiver's <see cref="Type"/>, where it listens, and what it is sent.</summary>
internal sealed class NotifyTargetOptions
{
    public const string Alertmanager = "alertmanager";
    public const string PagerDuty = "pagerduty";
    public const string Slack = "slack";
    public const string Webhook = "webhook";

    public const string PagerDutyDefaultUrl = "https://events.pagerduty.com/v2/enqueue";

    public static IReadOnlyList<string> Types { get; } = [Alertmanager, PagerDuty, Slack, Webhook];

    public string Type { get; set; } = "";

    /// <summary>Alertmanager's base URL; PagerDuty's enqueue endpoint (default <see cref="PagerDutyDefaultUrl"/>); Slack's or a webhook's URL.</summary>
    public string? Url { get; set; }

    /// <summary>PagerDuty's integration key (a secret).</summary>
    public string? RoutingKey { get; set; }

    /// <summary>The webhook's HMAC-SHA256 key (a secret).</summary>
    public string? Secret { get; set; }

    /// <summary>Only checks of these tiers; empty: all.</summary>
    public List<string> Tiers { get; set; } = [];

    /// <summary>Only these checks; empty: all, and verdicts and overrides too.</summary>
    public List<string> Checks { get; set; } = [];

    /// <summary>The URL to post to: a PagerDuty target without one uses the Events API v2 endpoint.</summary>
    public string EffectiveUrl => Type == PagerDuty && string.IsNullOrWhiteSpace(Url) ? PagerDutyDefaultUrl : Url ?? "";

    /// <summary>Slack's and a webhook's URL are credentials (whoever has them can post); Alertmanager's and PagerDuty's are not.</summary>
    public IEnumerable<string> SecretValues()
    {
        string?[] values = [RoutingKey, Secret, Type is Slack or Webhook ? Url : null];
        return values.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!);
    }
}
