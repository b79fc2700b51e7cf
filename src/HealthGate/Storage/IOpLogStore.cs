using HealthGate.Runs;

namespace HealthGate.Storage;

/// <summary>The operational log: append-only (no update or delete, in code and by triggers); an append is durable when it returns.</summary>
internal interface IOpLogStore
{
    /// <summary>Appends an entry and returns it with its id and timestamp.</summary>
    Task<OpLogEntry> AppendAsync(OpLogEntry entry, CancellationToken cancellationToken);

    Task<OpLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken);

    /// <summary>The latest entries of the given kinds, newest first.</summary>
    Task<IReadOnlyList<OpLogEntry>> ListEntriesAsync(IReadOnlyCollection<string> kinds, int limit, CancellationToken cancellationToken);
}
