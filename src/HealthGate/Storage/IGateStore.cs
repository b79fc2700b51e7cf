namespace HealthGate.Storage;

/// <summary>
/// The database behind both aggregates (<see cref="IRunStore"/>, <see cref="IOpLogStore"/>), as a provider implements
/// it: its schema and the write probe. Features depend on the aggregate they use, never on this.
/// </summary>
internal interface IGateStore : IRunStore, IOpLogStore, IOverrideStore, IAcknowledgementStore
{
    /// <summary>Creates the tables if they are missing; safe to call again and from several replicas.</summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Proves the store takes a durable write: one row of <c>healthgate_store_probe</c> rewritten and committed as every
    /// record is. Nothing reads it back; it exists so an idle gate still knows whether it could record a run.
    /// </summary>
    Task ProbeWriteAsync(CancellationToken cancellationToken);
}
