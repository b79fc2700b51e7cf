using System.Text.Json.Serialization;
using HealthGate.Checks;

namespace HealthGate.Leadership;

/// <summary>A readiness run as the <c>checks</c> column holds it: each result with its tags (which the preflight JSON leaves out).</summary>
internal sealed record SharedReadiness(
    [property: JsonPropertyName("durationMs")] double DurationMs,
    [property: JsonPropertyName("checks")] IReadOnlyList<SharedCheck> Checks)
{
    public static SharedReadiness Of(CheckRun run) =>
        new(run.Duration.TotalMilliseconds, [.. run.Checks.Select(c => new SharedCheck(c, c.Tags))]);

    public CheckRun ToRun(DateTimeOffset startedAt) =>
        new(startedAt, TimeSpan.FromMilliseconds(DurationMs), [.. Checks.Select(c => c.Result with { Tags = c.Tags })]);
}

internal sealed record SharedCheck(
    [property: JsonPropertyName("result")] CheckResult Result,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);
