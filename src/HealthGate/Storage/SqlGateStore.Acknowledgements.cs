using HealthGate.Contracts;

namespace HealthGate.Storage;

/// <summary>Acknowledgements (<see cref="IAcknowledgementStore"/>): written on the chain's transaction with their log entry.</summary>
internal abstract partial class SqlGateStore : IAcknowledgementStore
{
    public Task<(AcknowledgementRecord Acknowledgement, OpLogRecord Entry)> CreateAcknowledgementAsync(AcknowledgementRecord draft, OpLogRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(
            token => InChainAsync(
                async chain =>
                {
                    var appended = await chain.AppendAsync(entry, token);
                    var stored = draft with { At = StoreValues.Truncate(draft.At), Until = StoreValues.Truncate(draft.Until), Seq = appended.Seq };
                    await using var insert = AcknowledgementTable.Insert(chain.Connection, stored, Desk, appended.Seq, ToDb);
                    insert.Transaction = chain.Transaction;
                    var id = Convert.ToInt64(await insert.ExecuteScalarAsync(token), System.Globalization.CultureInfo.InvariantCulture);
                    return (stored with { Id = id }, appended);
                },
                token),
            cancellationToken);
    }

    public async Task<AcknowledgementRecord?> FindAcknowledgementAsync(long id, CancellationToken cancellationToken)
    {
        var found = await QueryAsync(AcknowledgementTable.SelectById, [("@desk", Desk), ("@id", id)], r => AcknowledgementTable.Read(r, ReadTimestamp), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<AcknowledgementRecord>> ListCurrentAcknowledgementsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryAsync(
            AcknowledgementTable.SelectCurrent,
            [("@desk", Desk), ("@now", ToDb(StoreValues.Truncate(now)))],
            r => AcknowledgementTable.Read(r, ReadTimestamp),
            cancellationToken);
}
