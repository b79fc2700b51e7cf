using System.Globalization;

namespace HealthGate.Audit;

/// <summary>
/// The operational log as RFC 4180 CSV: a header row, then one row per entry, CRLF line ends; a cell holding a comma,
/// a double quote, CR or LF is quoted and its quotes doubled. Null is an empty cell.
/// Formula injection: a spreadsheet runs a cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or
/// a CR as a formula (OWASP "CSV Injection"), and reasons, comments and names are typed by people; such a cell gets a
/// leading apostrophe, which spreadsheets read as "text", so <c>=HYPERLINK(...)</c> shows as text. The file is for
/// reading; the exact record is the text export or <c>/oplog</c>.
/// </summary>
internal static class OpLogCsv
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "seq", "at", "kind", "mode", "runId", "verdict", "exitCode", "failures", "decision", "whoId", "whoName", "whoKind",
        "overrideId", "overrideKind", "role", "ticket", "reason", "impact", "mitigation", "comment", "configHash",
        "prevHash", "hash", "signature",
    ];

    public static string Render(IEnumerable<OpLogRecord> entries)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, entries);
        return text.ToString();
    }

    public static void Write(TextWriter writer, IEnumerable<OpLogRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entries);
        WriteHeader(writer);
        foreach (var e in entries)
        {
            WriteEntry(writer, e);
        }
    }

    public static void WriteHeader(TextWriter writer) => Row(writer, Columns);

    /// <summary>One entry's row: the export streams a period a row at a time.</summary>
    public static void WriteEntry(TextWriter writer, OpLogRecord e)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(e);
        Row(writer,
        [
            Number(e.Seq), Timestamps.ToText(e.At), e.Kind, e.Mode, e.RunId, e.Verdict, Number(e.ExitCode),
            Failures(e.Failures), e.Decision, e.Who?.Id, e.Who?.Name, e.Who?.Kind, Number(e.OverrideId), e.OverrideKind,
            e.Role, e.Ticket, e.Reason, e.Impact, e.Mitigation, e.Comment, e.ConfigHash, e.PrevHash, e.Hash, e.Signature,
        ]);
    }

    /// <summary>"check (tier): reason; ..." in the order of the run.</summary>
    internal static string? Failures(IReadOnlyList<OpLogFailureRecord> failures) =>
        failures.Count == 0 ? null : string.Join("; ", failures.Select(f => $"{f.Check} ({f.Tier}): {f.Reason}"));

    internal static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static void Row(TextWriter writer, IEnumerable<string?> cells)
    {
        writer.Write(string.Join(',', cells.Select(Cell)));
        writer.Write("\r\n");
    }
}
