using HealthGate.Contracts;
using HealthGate.Storage;
using Microsoft.Extensions.Options;

namespace HealthGate.Audit;

/// <summary>
/// Reads the operational log for the exports and evidence packs: a period in pages, the entries about one run, and
/// the whole chain's verification (with the signing key when the gate has one), which only a walk from entry 1 can give.
/// </summary>
internal sealed class OpLogReader(IOpLogStore store, IOverrideStore overrides, IOptions<AuditOptions> audit)
{
    private const int PageSize = 1000;

    /// <summary>Entries with <c>from &lt;= at &lt; to</c> in seq order, a page at a time.</summary>
    public async IAsyncEnumerable<OpLogRecord> PeriodAsync(DateTimeOffset? from, DateTimeOffset? to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            var page = await store.ReadEntriesAsync(new OpLogQuery(PageSize) { AfterSeq = after, From = from, To = to }, cancellationToken);
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }

    /// <summary>The whole chain verified from entry 1 (signatures too when the gate signs).</summary>
    public async Task<OpLogVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var entries = new List<OpLogRecord>();
        await foreach (var entry in PeriodAsync(null, null, cancellationToken))
        {
            entries.Add(entry);
        }

        return OpLogChain.Verify(entries, audit.Value.SigningKeyBytes);
    }

    public Task<OverrideRecord?> FindOverrideAsync(long id, CancellationToken cancellationToken) => overrides.FindOverrideAsync(id, cancellationToken);

    /// <summary>The entries about a run — its failure, the overrides of it and every step of theirs, a use for it — and those overrides.</summary>
    public async Task<(IReadOnlyList<OpLogRecord> Entries, IReadOnlyList<OverrideRecord> Overrides)> AboutRunAsync(string runId, CancellationToken cancellationToken)
    {
        var direct = await store.ReadEntriesAsync(new OpLogQuery(PageSize) { RunId = runId }, cancellationToken);
        var bySeq = direct.ToDictionary(e => e.Seq);
        var records = new List<OverrideRecord>();
        foreach (var id in direct.Where(e => e.OverrideId is not null).Select(e => e.OverrideId!.Value).Distinct())
        {
            foreach (var entry in await store.ReadEntriesAsync(new OpLogQuery(PageSize) { OverrideId = id }, cancellationToken))
            {
                bySeq[entry.Seq] = entry;
            }

            if (await overrides.FindOverrideAsync(id, cancellationToken) is { } found)
            {
                records.Add(found);
            }
        }

        return ([.. bySeq.Values.OrderBy(e => e.Seq)], records);
    }
}
