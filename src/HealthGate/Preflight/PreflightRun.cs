using System.Text.Json.Serialization;
using HealthGate.Checks;

namespace HealthGate.Preflight;

/// <summary>One preflight run: the preflight JSON of the design, field for field.</summary>
internal sealed record PreflightRun(
    string RunId,
    string Mode,
    Verdict Verdict,
    int ExitCode,
    DateTimeOffset StartedAt,
    double DurationMs,
    PreflightSummary Summary,
    IReadOnlyList<CheckResult> Checks)
{
    /// <summary>After this the verdict is stale: a GO past it is not a GO. Unset (the minimum) means already expired.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Identifies the check configuration the run used; secrets do not enter it (see <see cref="CheckConfigurationHash"/>).</summary>
    public string ConfigHash { get; init; } = "";

    /// <summary>Why the run failed as a whole rather than through a check: <c>no_checks</c> for an empty run.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    public static PreflightRun From(string runId, string mode, CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var verdict = Verdicts.Decide(run.Checks);
        return new PreflightRun(
            runId,
            mode,
            verdict,
            verdict.ExitCode(),
            run.StartedAt,
            Math.Round(run.Duration.TotalMilliseconds, 3),
            PreflightSummary.Of([.. run.Checks]),
            run.Checks)
        {
            Reason = run.Checks.Count == 0 ? Reasons.NoChecks : null,
        };
    }
}
