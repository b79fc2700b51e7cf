namespace HealthGate.Health;

/// <summary><c>HealthGate:Readiness</c>: what <c>/health/ready</c> runs in the background and how often.</summary>
internal sealed class ReadinessOptions
{
    public const string SectionName = "Readiness";

    /// <summary>Null until configured: a default list would be appended to by the binder, not replaced.</summary>
    public string[]? Tiers { get; set; }

    public int PeriodSeconds { get; set; } = 10;

    public string[] EffectiveTiers => Tiers ?? ["P0"];

    /// <summary>A result older than this counts as Unhealthy: the publisher has stalled.</summary>
    public TimeSpan MaxAge => TimeSpan.FromSeconds(PeriodSeconds * 3);
}
