using HealthGate.Contracts;

namespace HealthGate.Storage;

/// <summary>
/// Acknowledgements, each written in one transaction with the operational log entry that records it: an
/// acknowledgement nobody can see in the log never silences anything. Rows are never changed; a newer one for the same
/// check replaces the older one's effect.
/// </summary>
internal interface IAcknowledgementStore
{
    /// <summary>Stores the acknowledgement and its log entry together; returns both as stored (id and seq filled in).</summary>
    Task<(AcknowledgementRecord Acknowledgement, OpLogRecord Entry)> CreateAcknowledgementAsync(AcknowledgementRecord draft, OpLogRecord entry, CancellationToken cancellationToken);

    Task<AcknowledgementRecord?> FindAcknowledgementAsync(long id, CancellationToken cancellationToken);

    /// <summary>The newest acknowledgement of each check, when it lasts beyond <paramref name="now"/>.</summary>
    Task<IReadOnlyList<AcknowledgementRecord>> ListCurrentAcknowledgementsAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
