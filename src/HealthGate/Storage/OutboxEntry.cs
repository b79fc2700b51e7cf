namespace HealthGate.Storage;

/// <summary>
/// One message to one target, as it is enqueued: <see cref="DedupKey"/> is unique per desk and target, so a
/// transition enqueued twice (two replicas, a retry) is stored once.
/// </summary>
internal sealed record OutboxEntry(string Target, string DedupKey, string Payload);
