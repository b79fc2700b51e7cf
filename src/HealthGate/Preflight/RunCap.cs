namespace HealthGate.Preflight;

/// <summary>
/// At most <c>MaxRunsPerSecond</c> fresh runs per mode, with a burst of as many: the generic cell rate algorithm,
/// which answers "when may the next run start" from one timestamp per mode. Not thread-safe: the caller locks.
/// </summary>
internal sealed class RunCap(int maxRunsPerSecond, TimeProvider time)
{
    private readonly Dictionary<string, long> _theoretical = new(StringComparer.Ordinal);
    private readonly long _interval = maxRunsPerSecond > 0 ? time.TimestampFrequency / maxRunsPerSecond : 0;
    private readonly long _burst = maxRunsPerSecond > 0 ? time.TimestampFrequency / maxRunsPerSecond * (maxRunsPerSecond - 1) : 0;

    /// <summary>The timestamp at which a run asked for at <paramref name="now"/> may start (now, or later over the cap).</summary>
    public long NextStart(string mode, long now)
    {
        if (_interval == 0)
        {
            return now;
        }

        var theoretical = _theoretical.GetValueOrDefault(mode, now);
        var start = Math.Max(now, theoretical - _burst);
        _theoretical[mode] = Math.Max(theoretical, now) + _interval;
        return start;
    }
}
