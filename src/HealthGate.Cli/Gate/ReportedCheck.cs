namespace HealthGate.Cli.Gate;

/// <summary>One check of a preflight run as the gate reported it.</summary>
internal sealed record ReportedCheck(
    string Name,
    string Type,
    string Tier,
    string Status,
    double DurationMs,
    string Reason,
    string Description)
{
    public const string Healthy = CheckStatuses.Healthy;
    public const string Degraded = CheckStatuses.Degraded;
    public const string Unhealthy = CheckStatuses.Unhealthy;

    public bool IsUnhealthy => Status == Unhealthy;

    /// <summary>The Unhealthy root causes among its dependencies in the run; empty from a gate that does not say.</summary>
    public IReadOnlyList<string> BlockedBy { get; init; } = [];

    public bool IsBlocked => BlockedBy.Count > 0;

    /// <summary>The operator's word for the status: PASS, WARN or FAIL.</summary>
    public string Outcome => Status switch
    {
        Healthy => "PASS",
        Degraded => "WARN",
        _ => "FAIL",
    };
}
