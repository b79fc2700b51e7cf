namespace HealthGate.Checks.Session;

/// <summary>
/// The calendar at one instant: open (and when it closes, if within the horizon), or closed by a blackout or by
/// being outside every window (and when it next opens, blackouts skipped).
/// </summary>
internal sealed record SessionState(bool Open, SessionBlackout? Blackout, DateTimeOffset? ClosesAt, DateTimeOffset? NextOpenAt, DateTimeOffset LocalNow);
