using System.Globalization;
using L = HealthGate.Audit.OpLogTextLabels;

namespace HealthGate.Audit;

/// <summary>
/// Reads <see cref="OpLogText"/> back into entries, exactly, so an auditor can run <see cref="OpLogChain.Verify"/>
/// over an exported file. Strict: an unknown or repeated label, a line outside a block or a missing field is a
/// <see cref="FormatException"/> naming the line. The header's heading and time and the Approved By line are for
/// people and are not read; Kind and At carry the same facts exactly.
/// </summary>
internal static class OpLogTextParser
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        L.Mode, L.ModeToken, L.Run, L.Verdict, L.ExitCode, L.Failures, L.Override, L.OverrideKind, L.Reason, L.ApprovedBy,
        L.Documentation, L.Impact, L.Mitigation, L.Role, L.Comment, L.Decision, L.DecisionToken, L.Operator, L.DecidedBy,
        L.Who, L.Seq, L.Desk, L.At, L.Kind, L.Config, L.PrevHash, L.Hash, L.Signature,
    };

    public static IReadOnlyList<OpLogRecord> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<OpLogRecord>();
        Dictionary<string, string>? block = null;
        var blockLine = 0;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // A raw CR never sits inside a value (it is escaped), so a CRLF file reads the same.
            var line = lines[i].TrimEnd('\r');
            var number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '[')
            {
                if (block is not null)
                {
                    entries.Add(Entry(block, blockLine));
                }

                if (line.IndexOf("] ", StringComparison.Ordinal) < 2)
                {
                    throw new FormatException($"line {number}: a block header is '[yyyy-MM-dd HH:mm:ss] EVENT'");
                }

                block = new Dictionary<string, string>(StringComparer.Ordinal);
                blockLine = number;
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (block is null || !line.StartsWith("  ", StringComparison.Ordinal) || colon < 3)
            {
                throw new FormatException($"line {number}: expected a block header or an indented 'Label: value' line");
            }

            var label = line[2..colon];
            if (!Known.Contains(label))
            {
                throw new FormatException($"line {number}: unknown label '{label}'");
            }

            // "Label: value", or "Label:" for an empty value (a trailing space may have been trimmed).
            var value = line[(colon + 1)..];
            if (!block.TryAdd(label, value.StartsWith(' ') ? value[1..] : value))
            {
                throw new FormatException($"line {number}: '{label}' appears twice in the block of line {blockLine}");
            }
        }

        if (block is not null)
        {
            entries.Add(Entry(block, blockLine));
        }

        return entries;
    }

    private static OpLogRecord Entry(Dictionary<string, string> f, int line)
    {
        try
        {
            return new OpLogRecord
            {
                Seq = long.Parse(Required(f, L.Seq), NumberStyles.None, CultureInfo.InvariantCulture),
                Desk = Text(f, L.Desk),
                At = Time(Required(f, L.At)),
                Kind = OpLogTextEscape.Unescape(Required(f, L.Kind)),
                Mode = UpperToken(f, L.Mode, L.ModeToken) ?? throw Missing(L.Mode),
                RunId = Text(f, L.Run),
                Verdict = Text(f, L.Verdict),
                ExitCode = f.TryGetValue(L.ExitCode, out var exit) ? int.Parse(exit.Split(' ')[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null,
                Failures = f.TryGetValue(L.Failures, out var failures) ? OpLogTextFailures.Parse(failures) : [],
                Decision = UpperToken(f, L.Decision, L.DecisionToken),
                Who = Who(f),
                OverrideId = f.TryGetValue(L.Override, out var id) ? long.Parse(id.TrimStart('#'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null,
                OverrideKind = Text(f, L.OverrideKind),
                Role = Text(f, L.Role),
                Ticket = f.TryGetValue(L.Documentation, out var ticket) ? Ticket(ticket) : null,
                Reason = Text(f, L.Reason),
                Impact = Text(f, L.Impact),
                Mitigation = Text(f, L.Mitigation),
                Comment = Text(f, L.Comment),
                ConfigHash = Text(f, L.Config),
                PrevHash = OpLogTextEscape.Unescape(Required(f, L.PrevHash)),
                Hash = OpLogTextEscape.Unescape(Required(f, L.Hash)),
                Signature = Text(f, L.Signature),
            };
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new FormatException($"the block of line {line}: {e.Message}", e);
        }
    }

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.ParseExact(text, [Timestamps.Format, L.PreciseTime], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string Ticket(string value) =>
        value == L.TicketWord ? ""
        : value.StartsWith(L.TicketWord + " ", StringComparison.Ordinal) ? OpLogTextEscape.Unescape(value[(L.TicketWord.Length + 1)..])
        : throw new FormatException($"{L.Documentation} is '{L.TicketWord} <ticket>'");

    private static Actor? Who(Dictionary<string, string> f)
    {
        var name = Text(f, L.Operator) ?? Text(f, L.DecidedBy);
        if (!f.TryGetValue(L.Who, out var who))
        {
            return name is null ? null : throw Missing(L.Who);
        }

        var open = OpLogTextEscape.IndexOfUnescaped(who, '(');
        var close = OpLogTextEscape.IndexOfUnescaped(who, ')', Math.Max(open, 0));
        if (name is null || open < 1 || who[open - 1] != ' ' || close != who.Length - 1)
        {
            throw new FormatException($"{L.Who} is 'id (kind)' beside an {L.Operator} or {L.DecidedBy} line");
        }

        return new Actor(OpLogTextEscape.Unescape(who[..(open - 1)]), name, OpLogTextEscape.Unescape(who[(open + 1)..close]));
    }

    private static string? UpperToken(Dictionary<string, string> f, string label, string tokenLabel) =>
        Text(f, tokenLabel) ?? Text(f, label)?.ToLowerInvariant();

    private static string? Text(Dictionary<string, string> f, string label) =>
        f.TryGetValue(label, out var value) ? OpLogTextEscape.Unescape(value) : null;

    private static string Required(Dictionary<string, string> f, string label) =>
        f.TryGetValue(label, out var value) ? value : throw Missing(label);

    private static FormatException Missing(string label) => new($"'{label}' is missing");
}
