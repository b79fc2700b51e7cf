namespace HealthGate.Checks.Session;

/// <summary>A parsed blackout: no trading from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
internal sealed record SessionBlackout(DateTimeOffset From, DateTimeOffset To, string Reason)
{
    public bool Covers(DateTimeOffset instant) => From <= instant && instant < To;
}
