using HealthGate.Contracts;

namespace HealthGate.Storage;

/// <summary>
/// Overrides and their decisions. Every change is written in one transaction with the operational log entries that
/// record it: a state nobody can see in the log never exists, and an entry for a change that did not happen neither.
/// Changes are serialised with the log's appends, so two approvals or two uses cannot both win.
/// </summary>
internal interface IOverrideStore
{
    /// <summary>Stores a new override and the log entry of its request (its <c>overrideId</c> filled in) together.</summary>
    Task<(OverrideRecord Override, OpLogRecord Entry)> CreateOverrideAsync(OverrideRecord draft, OpLogRecord entry, CancellationToken cancellationToken);

    Task<OverrideRecord?> FindOverrideAsync(long id, CancellationToken cancellationToken);

    /// <summary>Overrides newest first, of one state or all; <paramref name="beforeId"/> is the cursor (ids below it).</summary>
    Task<IReadOnlyList<OverrideRecord>> ListOverridesAsync(string? state, long? beforeId, int limit, CancellationToken cancellationToken);

    /// <summary>Pending or approved overrides whose window closed at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<OverrideRecord>> ListExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Reads override <paramref name="id"/> inside the write transaction, asks <paramref name="decide"/> what to do with
    /// it (null when it does not exist), writes the change it returns, if any, with its log entries, and returns its result.
    /// </summary>
    Task<TResult> ChangeOverrideAsync<TResult>(long id, Func<OverrideRecord?, OverrideChange<TResult>> decide, CancellationToken cancellationToken);
}

/// <summary>
/// What <see cref="IOverrideStore.ChangeOverrideAsync{TResult}"/> writes: the override as it becomes, a new decision on
/// it, and the entries recording the change — or nothing (<see cref="Updated"/> null) for a refusal.
/// </summary>
internal sealed record OverrideChange<TResult>(TResult Result, OverrideRecord? Updated = null, ApprovalRecord? NewApproval = null)
{
    public IReadOnlyList<OpLogRecord> Entries { get; init; } = [];
}
