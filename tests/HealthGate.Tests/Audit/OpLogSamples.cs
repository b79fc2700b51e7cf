namespace HealthGate.Tests.Audit;

/// <summary>Seeded operational-log entries for the export tests: every kind, awkward text, nulls, chained or not.</summary>
internal static class OpLogSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 53, 4, 123, TimeSpan.Zero);

    /// <summary>Text an export must carry exactly: line breaks, escapes, edge spaces, delimiters, look-alike lines, Unicode.</summary>
    private static readonly string[] Awkward =
    [
        "", " ", "  ", "a", "live", "Olga Ivanova", "Ольга Иванова", "王小明", "🚀 rocket", "e\u0301", "\u00A0nbsp\u00A0",
        "\u3000ideographic", "tab\tin", "\ttab first", "line1\nline2", "crlf\r\nend", "\r", "\n", "back\\slash",
        "\\n is not a newline", "trailing\\", "ends with space ", " starts with space", "semi;colon", "paren (x)", "(", ")",
        "): ", "; ", " (P1): ", "#12", "Ticket", "Ticket #1", "=1+1", "+cmd", "-2", "@sum", "[2025-11-15 09:15:22] FORGED",
        "  Hash: forged", "Seq: 99", "nul\u0000in", "bell\u0007", "\u0085nel", "ls\u2028ps\u2029", "zw\u200Bsp",
        "rtl \u202Eevil", "quote \" and ,comma", "İstanbul", "ß", "ǅ", "ﬁ", "Ⅻ", "\\u0041 literal", "\\s", "x\\",
    ];

    private static readonly string[] Modes = ["live", "paper", "LIVE", "Live", "İ", "ı", "ǆ"];

    private static readonly string[] Decisions =
        [OpLogEvents.Abort, OpLogEvents.Pending, OpLogEvents.Refused, OpLogEvents.Approve, OpLogEvents.Reject, OpLogEvents.Proceed, OpLogEvents.Expired, "Abort"];

    private static readonly string[] OtherKinds = ["acknowledgement", "Weird Kind!", ""];

    /// <summary>A sealed chain from entry 1: each kind of <see cref="OpLogEvents"/> first, then kinds at random.</summary>
    public static IReadOnlyList<OpLogRecord> Chain(int seed, int count, byte[]? signingKey = null)
    {
        var random = new Random(seed);
        var entries = new List<OpLogRecord>(count);
        var previous = OpLogChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var entry = OpLogChain.Seal(Entry(random, seq, previous), signingKey);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    /// <summary>Entries that are not a chain: any text in the hash fields too, and no signature or one of any form.</summary>
    public static IReadOnlyList<OpLogRecord> Loose(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(1, count).Select(seq => Entry(random, seq, Text(random)) with
        {
            Hash = Text(random),
            Signature = Maybe(random, Text),
        })];
    }

    /// <summary>Field by field, the failures by value (the record's own equality compares the list by reference).</summary>
    public static void AssertSame(IReadOnlyList<OpLogRecord> expected, IReadOnlyList<OpLogRecord> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Failures, actual[i].Failures);
            Assert.Equal(expected[i] with { Failures = NoFailures }, actual[i] with { Failures = NoFailures });
        }
    }

    private static readonly IReadOnlyList<OpLogFailureRecord> NoFailures = [];

    private static OpLogRecord Entry(Random random, int seq, string previous)
    {
        var kinds = OpLogEvents.All;
        var kind = seq <= kinds.Count ? kinds[seq - 1] : random.Next(10) == 0 ? Pick(random, OtherKinds) : Pick(random, kinds);
        return new OpLogRecord
        {
            Seq = seq,
            At = Time(random, seq),
            Kind = kind,
            Mode = random.Next(4) == 0 ? Text(random) : Pick(random, Modes),
            RunId = Maybe(random, r => $"20261122T085304Z-{r.Next():x8}"),
            Verdict = Maybe(random, r => Pick(r, [Verdicts.P0FailToken, Verdicts.P1FailToken, Verdicts.PassToken, "p1_fail"])),
            ExitCode = random.Next(3) == 0 ? null : Pick(random, [0, 1, 2, 3, -1, int.MaxValue, int.MinValue]),
            Failures = [.. Enumerable.Range(0, random.Next(4)).Select(_ => new OpLogFailureRecord(Text(random), random.Next(3) == 0 ? Text(random) : Pick(random, ["P0", "P1", "P2"]), Text(random)))],
            Decision = Maybe(random, r => r.Next(3) == 0 ? Text(r) : Pick(r, Decisions)),
            Who = Maybe(random, r => new Actor(Text(r), Text(r), r.Next(3) == 0 ? Text(r) : Pick(r, [Actor.Person, Actor.Service]))),
            OverrideId = random.Next(2) == 0 ? null : Pick(random, [1L, 12L, -5L, long.MaxValue, long.MinValue]),
            OverrideKind = Maybe(random, r => r.Next(3) == 0 ? Text(r) : Pick(r, OverrideRequest.Kinds)),
            Role = Maybe(random, Text),
            Ticket = Maybe(random, Text),
            Reason = Maybe(random, Text),
            Impact = Maybe(random, Text),
            Mitigation = Maybe(random, Text),
            Comment = Maybe(random, Text),
            ConfigHash = Maybe(random, r => Convert.ToHexStringLower(BitConverter.GetBytes(r.NextInt64()))),
            PrevHash = previous,
        };
    }

    /// <summary>Milliseconds mostly, as the store keeps; now and then ticks below them or another offset, which must survive too.</summary>
    private static DateTimeOffset Time(Random random, int seq)
    {
        var at = Start.AddSeconds(seq * 7).AddMilliseconds(random.Next(1000));
        return random.Next(6) switch
        {
            0 => at.AddTicks(random.Next(1, 10_000)),
            1 => at.ToOffset(TimeSpan.FromHours(random.Next(-12, 14))),
            _ => at,
        };
    }

    /// <summary>One or two awkward pieces, joined: a piece at the start, the end or the middle of a value.</summary>
    private static string Text(Random random) =>
        random.Next(3) == 0 ? Pick(random, Awkward) + Pick(random, Awkward) : Pick(random, Awkward);

    private static T? Maybe<T>(Random random, Func<Random, T> value)
        where T : class => random.Next(4) == 0 ? null : value(random);

    private static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
