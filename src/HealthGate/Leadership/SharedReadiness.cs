using System.Text.Json.Serialization;
using HealthGate.Checks;
using HealthGate.Health;

namespace HealthGate.Leadership;

/// <summary>
/// A leader's run as the <c>checks</c> column holds it: the smoothed results (the readiness answer) and the raw ones
/// (what observers hear), each with its tags, which the preflight JSON leaves out. The start time is its own column.
/// </summary>
internal sealed record SharedReadiness(
    [property: JsonPropertyName("durationMs")] double DurationMs,
    [property: JsonPropertyName("checks")] IReadOnlyList<SharedCheck> Checks,
    [property: JsonPropertyName("raw")] IReadOnlyList<SharedCheck> Raw)
{
    public static SharedReadiness Of(LedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Smoothed.Duration.TotalMilliseconds, SharedCheck.Of(run.Smoothed), SharedCheck.Of(run.Raw));
    }

    public LedRun ToLedRun(DateTimeOffset startedAt)
    {
        var duration = TimeSpan.FromMilliseconds(DurationMs);
        return new LedRun(new CheckRun(startedAt, duration, SharedCheck.ToResults(Raw)), new CheckRun(startedAt, duration, SharedCheck.ToResults(Checks)));
    }
}

internal sealed record SharedCheck(
    [property: JsonPropertyName("result")] CheckResult Result,
    [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags)
{
    public static IReadOnlyList<SharedCheck> Of(CheckRun run) => [.. run.Checks.Select(c => new SharedCheck(c, c.Tags))];

    public static IReadOnlyList<CheckResult> ToResults(IReadOnlyList<SharedCheck> checks) => [.. checks.Select(c => c.Result with { Tags = c.Tags })];
}
