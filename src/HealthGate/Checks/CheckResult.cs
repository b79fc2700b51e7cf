using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks;

/// <summary>The outcome of one check in one run, as the preflight JSON shows it.</summary>
internal sealed record CheckResult(
    [property: JsonPropertyName(PreflightFields.Check.Name)] string Name,
    [property: JsonPropertyName(PreflightFields.Check.Type)] string Type,
    [property: JsonPropertyName(PreflightFields.Check.Tier), JsonConverter(typeof(JsonStringEnumConverter<CheckTier>))] CheckTier Tier,
    [property: JsonPropertyName(PreflightFields.Check.Status), JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))] HealthStatus Status,
    [property: JsonPropertyName(PreflightFields.Check.DurationMs)] double DurationMs,
    [property: JsonPropertyName(PreflightFields.Check.Reason)] string Reason,
    [property: JsonPropertyName(PreflightFields.Check.Description)] string Description,
    [property: JsonPropertyName(PreflightFields.Check.Data)] IReadOnlyDictionary<string, object> Data)
{
    [JsonIgnore]
    public IReadOnlyList<string> Tags { get; init; } = [];

    [JsonPropertyName(PreflightFields.Check.DependsOn)]
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>Set after the run by <see cref="CheckBlocking"/>; never changes the status or the verdict.</summary>
    [JsonPropertyName(PreflightFields.Check.BlockedBy)]
    public IReadOnlyList<string> BlockedBy { get; init; } = [];
}
