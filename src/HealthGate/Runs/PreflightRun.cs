using System.Text.Json.Serialization;
using HealthGate.Checks;

namespace HealthGate.Runs;

/// <summary>One preflight run: the preflight JSON of the design, field for field.</summary>
internal sealed record PreflightRun(
    [property: JsonPropertyName(PreflightFields.RunId)] string RunId,
    [property: JsonPropertyName(PreflightFields.Mode)] string Mode,
    [property: JsonPropertyName(PreflightFields.Verdict)] Verdict Verdict,
    [property: JsonPropertyName(PreflightFields.ExitCode)] int ExitCode,
    [property: JsonPropertyName(PreflightFields.StartedAt)] DateTimeOffset StartedAt,
    [property: JsonPropertyName(PreflightFields.DurationMs)] double DurationMs,
    [property: JsonPropertyName(PreflightFields.Summary)] PreflightSummary Summary,
    [property: JsonPropertyName(PreflightFields.Checks)] IReadOnlyList<CheckResult> Checks)
{
    /// <summary>After this the verdict is stale: a GO past it is not a GO. Unset (the minimum) means already expired.</summary>
    [JsonPropertyName(PreflightFields.ExpiresAt)]
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Identifies the check configuration the run used; secrets do not enter it (see <c>Preflight/CheckConfigurationHash</c>).</summary>
    [JsonPropertyName(PreflightFields.ConfigHash)]
    public string ConfigHash { get; init; } = "";

    /// <summary>Why the run failed as a whole rather than through a check: <c>no_checks</c> for an empty run.</summary>
    [JsonPropertyName(PreflightFields.Reason)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason => Checks.Count == 0 ? Reasons.NoChecks : null;

    public static PreflightRun From(string runId, string mode, CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var verdict = RunVerdict.Decide(run.Checks);
        return new PreflightRun(
            runId,
            mode,
            verdict,
            verdict.ExitCode(),
            run.StartedAt,
            Math.Round(run.Duration.TotalMilliseconds, 3),
            PreflightSummary.Of([.. run.Checks]),
            run.Checks);
    }
}
