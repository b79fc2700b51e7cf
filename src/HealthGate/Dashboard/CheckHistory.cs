using HealthGate.Checks;
using HealthGate.Preflight;
using HealthGate.Runs;

namespace HealthGate.Dashboard;

/// <summary>
/// The recent results of every configured check, from background readiness runs and preflights alike, held in
/// memory: at most <see cref="Capacity"/> per check, and only for checks the gate runs, so memory is bounded
/// however many runs come.
/// </summary>
internal sealed class CheckHistory
{
    public const int Capacity = 200;

    private readonly Lock _lock = new();
    private readonly IReadOnlyList<GateCheck> _checks;
    private readonly Dictionary<string, CheckTimeline> _timelines;
    private readonly Dictionary<string, IReadOnlyList<string>> _modes;
    private readonly TimeProvider _time;

    public CheckHistory(GateChecks checks, PreflightModes modes, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(modes);
        _checks = checks.All;
        _timelines = checks.All.ToDictionary(c => c.Name, _ => new CheckTimeline(Capacity), StringComparer.OrdinalIgnoreCase);
        _modes = checks.All.ToDictionary(c => c.Name, c => ModesRunning(c, modes), StringComparer.OrdinalIgnoreCase);
        _time = time;
    }

    /// <summary>Records a result; returns the status the check had before when its latest status changed, else null.</summary>
    public string? Record(CheckResult result, DateTimeOffset at, string source, string? mode = null, string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var entry = new CheckHistoryEntry(result.Status.ToString(), result.Reason, result.Description, result.DurationMs, at, source, mode, runId)
        {
            BlockedBy = result.BlockedBy,
        };
        lock (_lock)
        {
            if (!_timelines.TryGetValue(result.Name, out var timeline))
            {
                return null;
            }

            var before = timeline.Latest;
            if (!timeline.Add(entry) || ReferenceEquals(before, timeline.Latest))
            {
                return null;
            }

            var previous = before?.Status ?? CheckView.Unknown;
            return previous == entry.Status ? null : previous;
        }
    }

    /// <summary>Adds stored preflights (any order), so the history and uptime survive a restart.</summary>
    public int Seed(IEnumerable<PreflightRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var seeded = 0;
        foreach (var run in runs)
        {
            foreach (var check in run.Checks)
            {
                lock (_lock)
                {
                    if (_timelines.TryGetValue(check.Name, out var timeline)
                        && timeline.Add(new CheckHistoryEntry(check.Status.ToString(), check.Reason, check.Description, check.DurationMs, run.StartedAt, CheckHistoryEntry.Preflight, run.Mode, run.RunId) { BlockedBy = check.BlockedBy }))
                    {
                        seeded++;
                    }
                }
            }
        }

        return seeded;
    }

    public IReadOnlyList<CheckView> Views()
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return [.. _checks.Select(c => View(c, _timelines[c.Name], _modes[c.Name], now))];
        }
    }

    /// <summary>The newest results of one check, newest first; null for a name the gate does not run.</summary>
    public IReadOnlyList<CheckHistoryEntry>? Newest(string name, int limit)
    {
        lock (_lock)
        {
            return _timelines.TryGetValue(name, out var timeline) ? timeline.Newest(limit) : null;
        }
    }

    // The page decides each mode's standing from the checks that mode runs.
    private static IReadOnlyList<string> ModesRunning(GateCheck check, PreflightModes modes) =>
        [.. modes.Names.Where(m => modes.TryGet(m, out _, out var tiers) && tiers.Contains(check.Tier))];

    private static CheckView View(GateCheck check, CheckTimeline timeline, IReadOnlyList<string> modes, DateTimeOffset now)
    {
        var latest = timeline.Latest;
        var (up, total) = timeline.Uptime.Count(now);
        return new CheckView(
            check.Name,
            check.Type,
            check.Tier.ToString(),
            latest?.Status ?? CheckView.Unknown,
            latest?.Reason,
            latest?.Description,
            latest?.DurationMs,
            latest?.At,
            latest?.Source,
            latest?.Mode,
            modes,
            check.DependsOn,
            latest?.BlockedBy ?? [],
            total == 0 ? null : Math.Round((double)up / total, 4),
            total);
    }
}
