namespace HealthGate.Storage;

/// <summary>
/// The desk's notification state and its durable outbox. A state change and the messages it sends commit together, and
/// only if nobody changed the state first: on PostgreSQL every replica may see a transition, one writes it.
/// </summary>
internal interface INotifyStore
{
    Task<IReadOnlyList<NotifyStateRow>> ReadNotifyStatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="next"/> if the subject is still at <paramref name="expectedVersion"/> (0: no row yet), with
    /// <paramref name="entries"/> in the same transaction; false, writing nothing, when another writer was first.
    /// </summary>
    Task<bool> AdvanceNotifyStateAsync(long expectedVersion, NotifyStateRow next, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>Adds messages that have no state (an override awaiting approval); a dedup key already stored is skipped.</summary>
    Task EnqueueAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// The oldest undelivered message of each target, if due at <paramref name="now"/>, each claimed until
    /// <paramref name="leaseUntil"/> (a replica that dies mid-delivery leaves it to be claimed again).
    /// </summary>
    Task<IReadOnlyList<OutboxRow>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, IReadOnlySet<string> skipTargets, CancellationToken cancellationToken);

    /// <summary>Marks a message done (<paramref name="outcome"/> <c>delivered</c> or <c>rejected</c>).</summary>
    Task CompleteAsync(long id, DateTimeOffset at, string outcome, CancellationToken cancellationToken);

    /// <summary>Leaves a message for another attempt at <paramref name="nextAt"/>, with why this one failed (no secret in it).</summary>
    Task RetryLaterAsync(long id, DateTimeOffset nextAt, string error, CancellationToken cancellationToken);

    /// <summary>Deletes messages delivered before <paramref name="cutoff"/>.</summary>
    Task<int> PruneOutboxAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
