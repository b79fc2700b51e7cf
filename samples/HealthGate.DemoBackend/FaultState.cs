namespace HealthGate.DemoBackend;

/// <summary>One consistent picture of the faults, so an answer never mixes two flips.</summary>
internal sealed record FaultState(string RiskLevel, bool EssActive, long SkewMs, bool ExecutionDown, bool MetricsMissing, string VenueStatus, long UsedWeight)
{
    public static FaultState Healthy { get; } = new(
        DeskFaults.NormalLevel, EssActive: false, SkewMs: 0, ExecutionDown: false, MetricsMissing: false, DeskFaults.OnlineVenue, DeskFaults.QuietUsedWeight);
}
