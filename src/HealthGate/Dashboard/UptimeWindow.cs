namespace HealthGate.Dashboard;

/// <summary>
/// Counts results per clock hour in 24 slots, so uptime over the last day costs the same memory after ten runs or
/// ten million. A slot is reused when its hour comes round again a day later.
/// </summary>
internal sealed class UptimeWindow
{
    public const int Hours = 24;

    private readonly long[] _hour = new long[Hours];
    private readonly int[] _up = new int[Hours];
    private readonly int[] _total = new int[Hours];

    public void Add(DateTimeOffset at, bool up)
    {
        var hour = HourOf(at);
        var slot = (int)(hour % Hours);
        if (_hour[slot] != hour)
        {
            if (_hour[slot] > hour)
            {
                return; // older than the day the slot now counts
            }

            _hour[slot] = hour;
            _up[slot] = 0;
            _total[slot] = 0;
        }

        _total[slot]++;
        if (up)
        {
            _up[slot]++;
        }
    }

    /// <summary>Results (and how many were not Unhealthy) in the current hour and the 23 before it.</summary>
    public (int Up, int Total) Count(DateTimeOffset now)
    {
        var current = HourOf(now);
        int up = 0, total = 0;
        for (var slot = 0; slot < Hours; slot++)
        {
            if (_total[slot] > 0 && _hour[slot] > current - Hours && _hour[slot] <= current)
            {
                up += _up[slot];
                total += _total[slot];
            }
        }

        return (up, total);
    }

    private static long HourOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 3600;
}
