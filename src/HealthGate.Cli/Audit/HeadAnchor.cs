using System.Globalization;

namespace HealthGate.Cli.Audit;

/// <summary>
/// A head recorded at an earlier review (<c>SEQ:HASH</c>). A chain verifies from its own first entry, so whoever can
/// rewrite the whole table and recompute every hash (without a signing key), or cut its tail, leaves an intact chain:
/// only a hash kept outside the gate shows that entry SEQ is no longer what it was, or no longer there.
/// </summary>
internal sealed record HeadAnchor(long Seq, string Hash)
{
    public static bool TryParse(string text, out HeadAnchor anchor)
    {
        anchor = null!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1
            || text[(colon + 1)..] is not { Length: 64 } hash || !hash.All(Uri.IsHexDigit))
        {
            return false;
        }

        anchor = new HeadAnchor(seq, hash.ToLowerInvariant());
        return true;
    }

    /// <summary>Why the log no longer holds the anchor (null when entry <see cref="Seq"/> still has <see cref="Hash"/>).</summary>
    public string? Problem(IReadOnlyList<OpLogRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.FirstOrDefault(e => e.Seq == Seq) is not { } entry)
        {
            return $"entry {Seq} is missing: the log ends at entry {(entries.Count == 0 ? 0 : entries[^1].Seq)} (truncated)";
        }

        return string.Equals(entry.Hash, Hash, StringComparison.Ordinal)
            ? null
            : $"entry {Seq} has hash {entry.Hash}, the anchor recorded {Hash}: the log was rewritten up to there";
    }
}
