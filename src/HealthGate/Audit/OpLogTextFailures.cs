namespace HealthGate.Audit;

/// <summary>
/// Reads the text export's <c>Failures: exchange (P0): connect_timeout; redis (P1): timeout</c>. The renderer escapes
/// <c>(</c> and <c>;</c> in a check, <c>)</c> and <c>;</c> in a tier and <c>;</c> in a reason, so the first unescaped
/// <c>;</c> ends an item, its first unescaped <c>(</c> starts the tier and the next unescaped <c>)</c> ends it.
/// </summary>
internal static class OpLogTextFailures
{
    public static IReadOnlyList<OpLogFailureRecord> Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var failures = new List<OpLogFailureRecord>();
        var start = 0;
        while (true)
        {
            var end = OpLogTextEscape.IndexOfUnescaped(value, ';', start);
            var item = value[start..(end < 0 ? value.Length : end)];
            failures.Add(Item(start == 0 ? item : Separated(item)));
            if (end < 0)
            {
                return failures;
            }

            start = end + 1;
        }
    }

    private static string Separated(string item) =>
        item.StartsWith(' ') ? item[1..] : throw new FormatException("failures are separated by '; '");

    private static OpLogFailureRecord Item(string item)
    {
        var open = OpLogTextEscape.IndexOfUnescaped(item, '(');
        var close = open < 0 ? -1 : OpLogTextEscape.IndexOfUnescaped(item, ')', open);
        if (open < 1 || item[open - 1] != ' ' || close < 0 || close + 1 >= item.Length || item[close + 1] != ':')
        {
            throw new FormatException($"a failure is 'check (tier): reason', not '{item}'");
        }

        // "): reason", or "):" when the reason is empty and the line's last space was trimmed.
        var reason = item[(close + 2)..];
        return new OpLogFailureRecord(
            OpLogTextEscape.Unescape(item[..(open - 1)]),
            OpLogTextEscape.Unescape(item[(open + 1)..close]),
            OpLogTextEscape.Unescape(reason.StartsWith(' ') ? reason[1..] : reason));
    }
}
