namespace HealthGate.Storage;

/// <summary>The outcome of the latest write to the store: when it ended, and for a failure why and since when writes fail.</summary>
internal sealed record StoreWrite(bool Succeeded, DateTimeOffset At, string? Error, DateTimeOffset? FailingSince);
