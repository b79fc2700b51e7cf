using HealthGate.Preflight;

namespace HealthGate.Metrics;

/// <summary>Per mode: the latest exit code and its age, runs and last run time per verdict, wall-time histogram.</summary>
internal sealed class PreflightMetrics
{
    public const string ExitCodeName = "healthgate_preflight_exit_code";
    public const string RunsName = "healthgate_preflight_runs_total";
    public const string DurationName = "healthgate_preflight_duration_seconds";
    public const string LastRunName = "healthgate_preflight_last_run_timestamp_seconds";
    public const string VerdictAgeName = "healthgate_verdict_age_seconds";

    private static readonly Verdict[] AllVerdicts = Enum.GetValues<Verdict>();

    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, ModeState> _modes = new(StringComparer.Ordinal);

    public PreflightMetrics(IEnumerable<string> modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        foreach (var mode in modes)
        {
            _modes[mode] = new ModeState();
        }
    }

    public void Record(PreflightRun run, DateTimeOffset completedAt)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_lock)
        {
            if (!_modes.TryGetValue(run.Mode, out var state))
            {
                _modes[run.Mode] = state = new ModeState();
            }

            var verdict = Array.IndexOf(AllVerdicts, run.Verdict);
            state.ExitCode = run.ExitCode;
            state.CompletedAt = completedAt;
            state.Runs[verdict]++;
            state.LastRun[verdict] = completedAt.ToUnixTimeMilliseconds() / 1000.0;
            state.Duration.Observe(run.DurationMs / 1000);
        }
    }

    public void Write(ExpositionWriter writer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_lock)
        {
            writer.Family(ExitCodeName, MetricType.Gauge, "Exit code of the latest preflight of the mode: 0 PASS, 1 P0_FAIL, 2 P1_FAIL, 3 P2_WARN.");
            foreach (var (mode, state) in _modes)
            {
                if (state.ExitCode is { } exitCode)
                {
                    writer.Sample(ExitCodeName, exitCode, new Label("mode", mode));
                }
            }

            writer.Family(VerdictAgeName, MetricType.Gauge, "Seconds since the latest preflight of the mode completed; +Inf before the first.");
            foreach (var (mode, state) in _modes)
            {
                var age = state.CompletedAt is { } at ? Math.Max(0, (now - at).TotalSeconds) : double.PositiveInfinity;
                writer.Sample(VerdictAgeName, age, new Label("mode", mode));
            }

            writer.Family(RunsName, MetricType.Counter, "Preflight runs by mode and verdict.");
            foreach (var (mode, state) in _modes)
            {
                for (var i = 0; i < AllVerdicts.Length; i++)
                {
                    writer.Sample(RunsName, state.Runs[i], new Label("mode", mode), new Label("verdict", AllVerdicts[i].Token()));
                }
            }

            writer.Family(LastRunName, MetricType.Gauge, "Unix time the latest preflight of the mode with the verdict completed; 0 if none has.");
            foreach (var (mode, state) in _modes)
            {
                for (var i = 0; i < AllVerdicts.Length; i++)
                {
                    writer.Sample(LastRunName, state.LastRun[i], new Label("mode", mode), new Label("verdict", AllVerdicts[i].Token()));
                }
            }

            writer.Family(DurationName, MetricType.Histogram, "Preflight wall time by mode.");
            foreach (var (mode, state) in _modes)
            {
                state.Duration.Write(writer, DurationName, new Label("mode", mode));
            }
        }
    }

    private sealed class ModeState
    {
        public int? ExitCode { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public long[] Runs { get; } = new long[AllVerdicts.Length];

        public double[] LastRun { get; } = new double[AllVerdicts.Length];

        public Histogram Duration { get; } = new(Histogram.DurationBuckets);
    }
}
