using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Health;

/// <summary>
/// Hysteresis for readiness only (never preflight): a check's readiness state flips to Unhealthy after
/// <c>FailureThreshold</c> consecutive Unhealthy results and back after <c>SuccessThreshold</c> consecutive others,
/// so one flapping answer does not take the pod out of the Service. The first result of a check is shown as it is:
/// a dependency that is down at start is not Ready.
/// </summary>
internal sealed class ReadinessSmoothing(CheckCatalog catalog)
{
    private readonly Dictionary<string, (int Failure, int Success)> _thresholds = catalog.Definitions
        .ToDictionary(d => d.Name, d => (d.Options.FailureThreshold, d.Options.SuccessThreshold), StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, Streak> _streaks = new(StringComparer.OrdinalIgnoreCase);

    public CheckRun Apply(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_streaks)
        {
            return run with { Checks = [.. run.Checks.Select(Smooth)] };
        }
    }

    private CheckResult Smooth(CheckResult raw)
    {
        if (!_streaks.TryGetValue(raw.Name, out var streak))
        {
            _streaks[raw.Name] = new Streak(raw);
            return raw;
        }

        var failing = raw.Status == HealthStatus.Unhealthy;
        if (failing == (streak.Shown.Status == HealthStatus.Unhealthy))
        {
            streak.Shown = raw;
            streak.Count = 0;
            return raw;
        }

        var (failure, success) = _thresholds.GetValueOrDefault(raw.Name, (1, 1));
        var needed = failing ? failure : success;
        if (++streak.Count >= needed)
        {
            streak.Shown = raw;
            streak.Count = 0;
            return raw;
        }

        // Still showing the previous state; say what the latest result was and how far the flip is.
        return streak.Shown with
        {
            Description = $"{streak.Shown.Description} (latest {raw.Status}: {raw.Reason}; {streak.Count} of {needed} before readiness flips)",
            DurationMs = raw.DurationMs,
        };
    }

    private sealed class Streak(CheckResult shown)
    {
        public CheckResult Shown { get; set; } = shown;

        public int Count { get; set; }
    }
}
