using System.Globalization;

namespace HealthGate.Audit;

/// <summary>The parts of the evidence packs that are about the operational log: the chain and one entry.</summary>
internal static class EvidenceSections
{
    /// <summary>
    /// The whole chain's verification as given, then what this pack can check on its own entries: each hash
    /// recomputed from its content and, for a period (<paramref name="linked"/>), each entry linked to the one before.
    /// </summary>
    public static void Chain(EvidenceLayout layout, OpLogVerification chain, IReadOnlyList<OpLogRecord> entries, bool linked)
    {
        layout.Section("Hash chain");
        layout.Field("Whole log", chain.IsIntact
            ? $"intact: {chain.Count} entries, each hash (SHA-256) recomputed and linked to the one before, from entry 1"
            : $"BROKEN at entry {chain.BrokenAt}: {chain.Problem} ({chain.Count} entries verified before it)");
        layout.Field("Head hash", chain.IsIntact ? chain.Head : "none: the chain does not verify");
        layout.Field("These entries", Recheck(entries, linked));
    }

    public static void Entry(EvidenceLayout layout, OpLogRecord e)
    {
        layout.KeepTogether(5 * layout.Body.GetHeight());
        layout.Row(
            [string.Create(CultureInfo.InvariantCulture, $"#{e.Seq}"), OpLogHeadings.Of(e), Timestamps.ToText(e.At)],
            [50, layout.Width - 190, 140],
            [layout.Strong, layout.Strong, layout.Body]);
        layout.Field("Event", e.Kind);
        layout.Field("Mode", e.Mode);
        layout.Field("Run", e.RunId);
        layout.Field("Verdict", e.Verdict is null && e.ExitCode is null ? null
            : string.Join(", ", new[] { e.Verdict, e.ExitCode is { } code ? $"exit code {code}{OpLogText.ExitCodeMeaning(code)}" : null }.OfType<string>()));
        foreach (var failure in e.Failures)
        {
            layout.Field("Failure", $"{failure.Check} ({failure.Tier}): {failure.Reason}");
        }

        layout.Field("Override", e.OverrideId is null && e.OverrideKind is null ? null
            : string.Join(" ", new[] { e.OverrideId is { } id ? $"#{id}" : null, e.OverrideKind }.OfType<string>()));
        layout.Field("Decision", e.Decision);
        layout.Field("Who", e.Who is { } who ? Person(who) : null);
        layout.Field("Role", e.Role);
        layout.Field("Reason", e.Reason);
        layout.Field("Ticket", e.Ticket);
        layout.Field("Impact", e.Impact);
        layout.Field("Mitigation", e.Mitigation);
        layout.Field("Comment", e.Comment);
        layout.Field("Config hash", e.ConfigHash);
        layout.Field("Hash", e.Hash);
        layout.Field("Signature", e.Signature);
        layout.Rule();
    }

    public static string Person(Actor who) => $"{who.Name} ({who.Id}, {who.Kind})";

    private static string Recheck(IReadOnlyList<OpLogRecord> entries, bool linked)
    {
        if (entries.Count == 0)
        {
            return "none";
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (!string.Equals(OpLogChain.HashOf(e), e.Hash, StringComparison.Ordinal))
            {
                return $"entry {e.Seq} does NOT match its hash: its content was changed";
            }

            if (linked && i > 0 && (e.Seq != entries[i - 1].Seq + 1 || !string.Equals(e.PrevHash, entries[i - 1].Hash, StringComparison.Ordinal)))
            {
                return $"entry {e.Seq} does NOT follow entry {entries[i - 1].Seq}: an entry between them was removed or reordered";
            }
        }

        var range = $"{entries.Count} entries (seq {entries[0].Seq} to {entries[^1].Seq})";
        return linked
            ? $"{range}: each hash recomputed from its content and linked to the one before: all hold"
            : $"{range}: each hash recomputed from its content: all match";
    }
}
