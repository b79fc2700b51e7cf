namespace HealthGate.Dashboard;

/// <summary>
/// One configured check as <c>GET /checks</c> shows it: its latest result from either kind of run (null fields
/// and status <c>Unknown</c> before its first; <see cref="Mode"/> only when that result came from a preflight), the
/// modes whose preflights run it, the share of its results in the last 24 h that were not Unhealthy, and the
/// acknowledgement silencing its notifications, if one is in force (the status is the check's, acknowledged or not).
/// </summary>
internal sealed record CheckView(
    string Name,
    string Type,
    string Tier,
    string Status,
    string? Reason,
    string? Description,
    double? DurationMs,
    DateTimeOffset? UpdatedAt,
    string? Source,
    string? Mode,
    IReadOnlyList<string> Modes,
    IReadOnlyList<string> DependsOn,
    IReadOnlyList<string> BlockedBy,
    double? Uptime24h,
    int Results24h)
{
    public const string Unknown = "Unknown";

    /// <summary>Until when a person silenced this check's notifications (an acknowledgement in force); null when none is.</summary>
    public DateTimeOffset? AcknowledgedUntil { get; init; }

    /// <summary>The person who acknowledged it, as their credential proved them.</summary>
    public HealthGate.Contracts.Actor? AcknowledgedBy { get; init; }

    public string? AcknowledgedReason { get; init; }
}
