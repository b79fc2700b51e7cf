namespace HealthGate.Cli.Acceptance;

/// <summary>
/// The launcher's bounds on a GO: how far the gate's clock may be from its own (<c>--clock-tolerance</c>), how long
/// a verdict may claim to stay valid (<c>--max-verdict-ttl</c>), and the configuration it must come from
/// (<c>--expect-config-hash</c>, optional).
/// </summary>
internal sealed record AcceptanceRules(TimeSpan ClockTolerance, TimeSpan MaxVerdictTtl, string? ExpectedConfigHash)
{
    public const double DefaultClockToleranceSeconds = 2;
    public const int DefaultMaxVerdictTtlSeconds = 300;

    /// <summary>Beyond a minute the "fresh" rule would no longer say anything: a clock that far off is the fault to fix.</summary>
    public const double MaxClockToleranceSeconds = 60;

    public const int MaxMaxVerdictTtlSeconds = 3600;

    public static AcceptanceRules Default { get; } = new(
        TimeSpan.FromSeconds(DefaultClockToleranceSeconds), TimeSpan.FromSeconds(DefaultMaxVerdictTtlSeconds), null);
}
