using HealthGate.Contracts;

namespace HealthGate.Storage;

/// <summary>
/// The operational log: append-only (no update or delete, in code and by triggers), hash-chained, and durable when an
/// append returns. The store assigns <c>seq</c>, <c>at</c>, <c>prevHash</c>, <c>hash</c> and the signature.
/// </summary>
internal interface IOpLogStore
{
    /// <summary>Appends an entry at the head of the chain and returns it as stored.</summary>
    Task<OpLogRecord> AppendAsync(OpLogRecord entry, CancellationToken cancellationToken);

    /// <summary>Entries in chain order matching <paramref name="query"/>.</summary>
    Task<IReadOnlyList<OpLogRecord>> ReadEntriesAsync(OpLogQuery query, CancellationToken cancellationToken);
}

/// <summary>
/// Which entries to read: after a seq (the cursor), before one (paging back from the head), of some kinds, in a period,
/// about a run or an override; at most <see cref="Limit"/>. Newest first only for "the latest".
/// </summary>
internal sealed record OpLogQuery(int Limit)
{
    public long AfterSeq { get; init; }

    public long? BeforeSeq { get; init; }

    public IReadOnlyCollection<string> Kinds { get; init; } = [];

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? RunId { get; init; }

    public long? OverrideId { get; init; }

    public bool NewestFirst { get; init; }
}
