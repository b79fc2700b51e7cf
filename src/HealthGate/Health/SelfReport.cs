using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Health;

/// <summary>The body of <c>/health/self</c>: Healthy only when every condition is, each condition by name.</summary>
internal sealed record SelfReport(
    [property: JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))] HealthStatus Status,
    DateTimeOffset CheckedAt,
    IReadOnlyDictionary<string, SelfCondition> Conditions)
{
    public static SelfReport Of(IEnumerable<ISelfCondition> conditions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var states = conditions.ToDictionary(c => c.Name, c => c.Evaluate(now), StringComparer.Ordinal);

        // Fail closed: a gate that knows none of its conditions cannot say it can give verdicts.
        var status = states.Count > 0 && states.Values.All(s => s.Status == HealthStatus.Healthy) ? HealthStatus.Healthy : HealthStatus.Unhealthy;
        return new SelfReport(status, now, states);
    }
}
