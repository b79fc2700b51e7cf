using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks;

/// <summary>The outcome of one check in one run, as the preflight JSON shows it.</summary>
internal sealed record CheckResult(
    string Name,
    string Type,
    [property: JsonConverter(typeof(JsonStringEnumConverter<CheckTier>))] CheckTier Tier,
    [property: JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))] HealthStatus Status,
    double DurationMs,
    string Reason,
    string Description,
    IReadOnlyDictionary<string, object> Data)
{
    [JsonIgnore]
    public IReadOnlyList<string> Tags { get; init; } = [];
}
