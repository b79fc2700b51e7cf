namespace HealthGate.Storage;

/// <summary>An undelivered outbox message as the delivery worker claims it; <see cref="Attempts"/> counts this one.</summary>
internal sealed record OutboxRow(long Id, string Target, string DedupKey, string Payload, int Attempts, DateTimeOffset CreatedAt);
