using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks;

/// <summary>A health check registration as the gate sees it: with its tier, type and effective timeout.</summary>
internal sealed record GateCheck(HealthCheckRegistration Registration, CheckTier Tier, string Type, TimeSpan Timeout)
{
    public string Name => Registration.Name;

    public IReadOnlyList<string> Tags { get; } = [.. Registration.Tags.Order(StringComparer.Ordinal)];

    /// <summary>The checks this one depends on (configured <c>DependsOn</c>), by their registered names.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}
