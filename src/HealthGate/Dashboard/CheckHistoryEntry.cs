using System.Text.Json.Serialization;

namespace HealthGate.Dashboard;

/// <summary>One result of one check as the history view shows it; <see cref="RunId"/> and <see cref="Mode"/> only for a preflight.</summary>
internal sealed record CheckHistoryEntry(
    string Status,
    string Reason,
    string Description,
    double DurationMs,
    DateTimeOffset At,
    string Source,
    string? Mode = null,
    string? RunId = null)
{
    public const string Readiness = "readiness";
    public const string Preflight = "preflight";

    /// <summary>The Unhealthy root causes among the check's dependencies in that run.</summary>
    public IReadOnlyList<string> BlockedBy { get; init; } = [];

    [JsonIgnore]
    public bool IsUp => Status != CheckStatuses.Unhealthy;
}
