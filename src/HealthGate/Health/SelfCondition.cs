using System.Text.Json.Serialization;
using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Health;

/// <summary>The state of one self-condition: Healthy or Unhealthy, a stable reason token and a sentence for people.</summary>
internal sealed record SelfCondition(
    [property: JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))] HealthStatus Status,
    string Reason,
    string Description)
{
    public static SelfCondition Healthy(string description) => new(HealthStatus.Healthy, Reasons.Ok, description);

    public static SelfCondition Unhealthy(string reason, string description) => new(HealthStatus.Unhealthy, reason, description);
}
