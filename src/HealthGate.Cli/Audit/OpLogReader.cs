using System.Globalization;
using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Audit;

/// <summary>
/// Reads the whole operational log from <c>GET /oplog?after=SEQ&amp;limit=500</c>, page after page, in the order the
/// gate serves it (the order the chain is verified in). A page that is not the contract's, or a cursor that does not
/// move on, is a garbled answer.
/// </summary>
internal sealed class OpLogReader(GateClient gate)
{
    public const int PageSize = 500;

    public async Task<IReadOnlyList<OpLogRecord>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var entries = new List<OpLogRecord>();
        string? after = null;
        while (true)
        {
            var path = after is null ? $"oplog?limit={PageSize}" : $"oplog?after={Uri.EscapeDataString(after)}&limit={PageSize}";
            var answer = await gate.GetAsync(path, cancellationToken);
            if (answer.Status != 200)
            {
                throw new GateAbortException($"reading the operational log ({path}) answered {answer.Refusal}");
            }

            var page = GateJson.Read<Page<OpLogRecord>>(answer, "a page of the operational log");
            if (page.Items.Count > PageSize)
            {
                throw new GateAbortException($"the gate answered {page.Items.Count} entries for a page of at most {PageSize}");
            }

            entries.AddRange(page.Items);
            if (page.Next is null)
            {
                return entries;
            }

            if (page.Items.Count == 0 || page.Next == after || !long.TryParse(page.Next, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new GateAbortException($"the gate's operational log paging does not move on: next '{OneLine.Of(page.Next, 40)}' after '{after ?? "the start"}' with {page.Items.Count} entries");
            }

            after = page.Next;
        }
    }
}
