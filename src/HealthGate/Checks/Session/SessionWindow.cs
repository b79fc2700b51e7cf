namespace HealthGate.Checks.Session;

/// <summary>A parsed window: the days it starts on and its local start and end (an end at or before the start is the next day).</summary>
internal sealed record SessionWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To)
{
    public bool CrossesMidnight => To <= From;
}
