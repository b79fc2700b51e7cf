using System.Collections.Concurrent;
using HealthGate.Metrics;
using HealthGate.Runs;
using Prometheus;

namespace HealthGate.Preflight;

/// <summary>Per mode: the latest exit code and its age, runs and last run time per verdict, wall-time histogram.</summary>
internal sealed class PreflightMetrics : IRunObserver, IInstrumentOwner
{
    public const string ExitCodeName = "healthgate_preflight_exit_code";
    public const string RunsName = "healthgate_preflight_runs_total";
    public const string DurationName = "healthgate_preflight_duration_seconds";
    public const string LastRunName = "healthgate_preflight_last_run_timestamp_seconds";
    public const string VerdictAgeName = "healthgate_verdict_age_seconds";

    private static readonly string[] VerdictTokens = [.. Enum.GetValues<Verdict>().Select(v => v.Token())];

    private readonly Gauge _exitCode;
    private readonly Gauge _verdictAge;
    private readonly Counter _runs;
    private readonly Gauge _lastRun;
    private readonly Histogram _duration;
    private readonly TimeProvider _time;

    /// <summary>When the latest preflight of each mode completed; null until one has.</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset?> _completedAt = new(StringComparer.Ordinal);

    public PreflightMetrics(PreflightModes modes, TimeProvider time, CollectorRegistry registry, IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(factory);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _exitCode = factory.CreateGauge(ExitCodeName, "Exit code of the latest preflight of the mode: 0 PASS, 1 P0_FAIL, 2 P1_FAIL, 3 P2_WARN.", ["mode"]);
        _verdictAge = factory.CreateGauge(VerdictAgeName, "Seconds since the latest preflight of the mode completed; +Inf before the first.", ["mode"]);
        _runs = factory.CreateCounter(RunsName, "Preflight runs by mode and verdict.", ["mode", "verdict"]);
        _lastRun = factory.CreateGauge(LastRunName, "Unix time the latest preflight of the mode with the verdict completed; 0 if none has.", ["mode", "verdict"]);
        _duration = factory.CreateHistogram(DurationName, "Preflight wall time by mode.", new HistogramConfiguration
        {
            LabelNames = ["mode"],
            Buckets = [.. DurationBuckets],
        });
        foreach (var mode in modes.Names)
        {
            Declare(mode);
        }

        registry.AddBeforeCollectCallback(UpdateAges);
    }

    /// <summary>Preflight wall time runs from about a millisecond (no checks) to a minute (the CLI's live timeout).</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    public Task OnRunCompletedAsync(CompletedRun completed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (completed.Preflight is not { } run)
        {
            return Task.CompletedTask;
        }

        var completedAt = _time.GetUtcNow();
        Declare(run.Mode);
        var verdict = run.Verdict.Token();
        _exitCode.WithLabels(run.Mode).Set(run.ExitCode);
        _runs.WithLabels(run.Mode, verdict).Inc();
        _lastRun.WithLabels(run.Mode, verdict).Set(completedAt.ToUnixTimeMilliseconds() / 1000.0);
        _duration.WithLabels(run.Mode).Observe(run.DurationMs / 1000);
        _completedAt[run.Mode] = completedAt;
        return Task.CompletedTask;
    }

    /// <summary>Every verdict of a mode starts at 0, so increase() sees its first run; the exit code waits for one.</summary>
    private void Declare(string mode)
    {
        if (!_completedAt.TryAdd(mode, null))
        {
            return;
        }

        foreach (var verdict in VerdictTokens)
        {
            _runs.WithLabels(mode, verdict);
            _lastRun.WithLabels(mode, verdict).Set(0);
        }

        _duration.WithLabels(mode);
    }

    private void UpdateAges()
    {
        var now = _time.GetUtcNow();
        foreach (var (mode, completedAt) in _completedAt)
        {
            _verdictAge.WithLabels(mode).Set(completedAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : double.PositiveInfinity);
        }
    }
}
