using HealthGate.Checks;

namespace HealthGate.Runs;

/// <summary>A completed run as its observers hear it: a background readiness run or a recorded preflight.</summary>
internal sealed class CompletedRun
{
    public const string ReadinessSource = "readiness";

    private CompletedRun(IReadOnlyList<CheckResult> checks, DateTimeOffset startedAt, CheckRun? readiness, PreflightRun? preflight)
    {
        Checks = checks;
        StartedAt = startedAt;
        Readiness = readiness;
        Preflight = preflight;
    }

    /// <summary>The results of the run's checks (a preflight's include its <c>gate</c> entries).</summary>
    public IReadOnlyList<CheckResult> Checks { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The background readiness run; null for a preflight.</summary>
    public CheckRun? Readiness { get; }

    /// <summary>The preflight as answered; null for a readiness run.</summary>
    public PreflightRun? Preflight { get; }

    /// <summary>Where the run came from, as the transition events name it: <c>readiness</c> or <c>preflight:{mode}</c>.</summary>
    public string Source => Preflight is { } preflight ? $"preflight:{preflight.Mode}" : ReadinessSource;

    public static CompletedRun OfReadiness(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Checks, run.StartedAt, run, preflight: null);
    }

    public static CompletedRun OfPreflight(PreflightRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Checks, run.StartedAt, readiness: null, run);
    }
}
