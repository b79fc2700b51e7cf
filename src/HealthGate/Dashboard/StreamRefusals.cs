namespace HealthGate.Dashboard;

/// <summary>
/// Counts the event streams refused for being over the bound and says when to log them: the first at once, then at
/// most one line per <see cref="ReportEvery"/> carrying the count, so a flood of page connections is not a flood of
/// log lines.
/// </summary>
internal sealed class StreamRefusals(TimeProvider time)
{
    public static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private long _unreported;
    private long? _lastReport;

    /// <summary>Records one refusal; returns how many to log now (this one included), or 0 while a recent line covers it.</summary>
    public long Refuse()
    {
        lock (_lock)
        {
            _unreported++;
            var now = time.GetTimestamp();
            if (_lastReport is { } last && time.GetElapsedTime(last, now) < ReportEvery)
            {
                return 0;
            }

            _lastReport = now;
            var count = _unreported;
            _unreported = 0;
            return count;
        }
    }
}
