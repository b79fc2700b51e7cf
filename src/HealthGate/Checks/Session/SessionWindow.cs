namespace HealthGate.Checks.Session;

/// <summary>A parsed window: the days it starts on and its local start and end (an end at or before the start is the next day).</summary>
internal sealed record SessionWindow(IReadOnlySet<DayOfWeek> Days, TimeOnly From, TimeOnly To)
{
    public bool CrossesMidnight => To <= From;
}

/// <summary>A parsed blackout: no trading from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
internal sealed record SessionBlackout(DateTimeOffset From, DateTimeOffset To, string Reason)
{
    public bool Covers(DateTimeOffset instant) => From <= instant && instant < To;
}
