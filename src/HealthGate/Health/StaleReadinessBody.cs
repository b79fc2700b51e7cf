namespace HealthGate.Health;

/// <summary>The body of a run answered as stale, with the maximum age it was written for.</summary>
internal sealed record StaleReadinessBody(TimeSpan MaxAge, ReadinessBody Body);
