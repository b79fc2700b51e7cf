using System.Globalization;
using L = HealthGate.Audit.OpLogTextLabels;

namespace HealthGate.Audit;

/// <summary>
/// The operational log in the operations documents' block format: a <c>[2025-11-15 09:15:22] OVERRIDE_FORCE_START</c>
/// header (UTC, heading from <see cref="OpLogHeadings"/>), then indented <c>Label: value</c> lines, blocks apart by a
/// blank line. The ops lines come first (Mode, Exit Code, Failures, Reason, Approved By, Documentation, Decision,
/// Operator); every other field follows, values escaped (<see cref="OpLogTextEscape"/>), so
/// <see cref="OpLogTextParser"/> gives back the same entries and the chain verifies to the same head. A line is
/// left out when its field is null.
/// </summary>
internal static class OpLogText
{
    /// <param name="overrides">Overrides by id, to print who approved on the approved and used entries; optional.</param>
    public static string Render(IEnumerable<OpLogRecord> entries, IReadOnlyDictionary<long, OverrideRecord>? overrides = null)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(text, entries, overrides);
        return text.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<OpLogRecord> entries, IReadOnlyDictionary<long, OverrideRecord>? overrides = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        var first = true;
        foreach (var entry in entries)
        {
            if (!first)
            {
                writer.Write('\n');
            }

            first = false;
            WriteBlock(writer, entry, overrides);
        }
    }

    private static void WriteBlock(TextWriter w, OpLogRecord e, IReadOnlyDictionary<long, OverrideRecord>? overrides)
    {
        ArgumentNullException.ThrowIfNull(e);
        w.Write($"[{e.At.UtcDateTime.ToString(L.HeaderTime, CultureInfo.InvariantCulture)}] {OpLogHeadings.Of(e)}\n");
        UpperToken(w, L.Mode, L.ModeToken, e.Mode);
        Line(w, L.Run, e.RunId);
        Line(w, L.Verdict, e.Verdict);
        if (e.ExitCode is { } exitCode)
        {
            Raw(w, L.ExitCode, exitCode.ToString(CultureInfo.InvariantCulture) + ExitCodeMeaning(exitCode));
        }

        if (e.Failures.Count > 0)
        {
            Raw(w, L.Failures, string.Join("; ", e.Failures.Select(Failure)));
        }

        if (e.OverrideId is { } overrideId)
        {
            Raw(w, L.Override, "#" + overrideId.ToString(CultureInfo.InvariantCulture));
        }

        Line(w, L.OverrideKind, e.OverrideKind);
        Line(w, L.Reason, e.Reason);
        if (ApprovedBy(e, overrides) is { } approvedBy)
        {
            Raw(w, L.ApprovedBy, approvedBy);
        }

        if (e.Ticket is { } ticket)
        {
            Raw(w, L.Documentation, ticket.Length == 0 ? L.TicketWord : $"{L.TicketWord} {OpLogTextEscape.Escape(ticket)}");
        }

        Line(w, L.Impact, e.Impact);
        Line(w, L.Mitigation, e.Mitigation);
        Line(w, L.Role, e.Role);
        Line(w, L.Comment, e.Comment);
        if (e.Decision is { } decision)
        {
            UpperToken(w, L.Decision, L.DecisionToken, decision);
        }

        if (e.Who is { } who)
        {
            Line(w, e.Kind == OpLogEvents.OverrideDecided ? L.DecidedBy : L.Operator, who.Name);
            Raw(w, L.Who, $"{OpLogTextEscape.Escape(who.Id, L.WhoIdDelimiters)} ({OpLogTextEscape.Escape(who.Kind, L.WhoKindDelimiters)})");
        }

        Raw(w, L.Seq, e.Seq.ToString(CultureInfo.InvariantCulture));
        Line(w, L.Desk, e.Desk);
        Raw(w, L.At, ExactTime(e.At));
        Line(w, L.Kind, e.Kind);
        Line(w, L.Config, e.ConfigHash);
        Line(w, L.PrevHash, e.PrevHash);
        Line(w, L.Hash, e.Hash);
        Line(w, L.Signature, e.Signature);
    }

    /// <summary>The hash's own form when it is exact (milliseconds); the ticks otherwise, so the parse is exact.</summary>
    internal static string ExactTime(DateTimeOffset at) => at.UtcTicks % TimeSpan.TicksPerMillisecond == 0
        ? Timestamps.ToText(at)
        : at.UtcDateTime.ToString(L.PreciseTime, CultureInfo.InvariantCulture);

    internal static string ExitCodeMeaning(int exitCode) => exitCode switch
    {
        0 => " (pass)",
        1 => " (P0 failure)",
        2 => " (P1 failure)",
        3 => " (P2 warning)",
        _ => "",
    };

    private static string Failure(OpLogFailureRecord f) =>
        $"{OpLogTextEscape.Escape(f.Check, L.CheckDelimiters)} ({OpLogTextEscape.Escape(f.Tier, L.TierDelimiters)}): {OpLogTextEscape.Escape(f.Reason, L.ReasonDelimiters)}";

    /// <summary>"risk-manager (Jane Smith), cto (Bob Jones)" on an approved or used override's entry, when known.</summary>
    private static string? ApprovedBy(OpLogRecord e, IReadOnlyDictionary<long, OverrideRecord>? overrides)
    {
        if (e.Kind is not (OpLogEvents.OverrideApproved or OpLogEvents.OverrideUsed) || e.OverrideId is not { } id
            || overrides?.GetValueOrDefault(id) is not { } record)
        {
            return null;
        }

        var approvals = record.Approvals.Where(a => a.Decision == OpLogEvents.Approve).ToList();
        return approvals.Count == 0 ? null
            : string.Join(", ", approvals.Select(a => $"{OpLogTextEscape.Escape(a.Role ?? "?")} ({OpLogTextEscape.Escape(a.Person.Name)})"));
    }

    /// <summary>MODE as the documents print it; the exact token beside it only when upper case would lose it.</summary>
    private static void UpperToken(TextWriter w, string label, string tokenLabel, string value)
    {
        var upper = value.ToUpperInvariant();
        var lowered = upper.ToLowerInvariant();
        Line(w, label, upper);
        if (!string.Equals(lowered, value, StringComparison.Ordinal))
        {
            Line(w, tokenLabel, value);
        }
    }

    private static void Line(TextWriter w, string label, string? value)
    {
        if (value is not null)
        {
            Raw(w, label, OpLogTextEscape.Escape(value));
        }
    }

    private static void Raw(TextWriter w, string label, string text) =>
        w.Write(text.Length == 0 ? $"  {label}:\n" : $"  {label}: {text}\n");
}
