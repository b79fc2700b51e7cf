namespace HealthGate.Health;

/// <summary>What <c>/health/ready</c> runs in the background and how often.</summary>
internal sealed class ReadinessOptions
{
    public string[]? Tiers { get; set; }

    public int PeriodSeconds { get; set; } = 10;

    /// <summary>A result older than this counts as Unhealthy: the publisher has stalled.</summary>
    public TimeSpan MaxAge => TimeSpan.FromSeconds(PeriodSeconds * 3);
}
