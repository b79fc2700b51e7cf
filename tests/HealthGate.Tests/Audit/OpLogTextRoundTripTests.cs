using HealthGate.Audit;

namespace HealthGate.Tests.Audit;

/// <summary>Property-style: for seeded entries of every kind with awkward text and nulls, parse(render(x)) is x.</summary>
public sealed class OpLogTextRoundTripTests
{
    public static TheoryData<int> Seeds { get; } = [.. Enumerable.Range(1, 25)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AChainReadsBackAsTheSameEntriesWithTheSameHead(int seed)
    {
        var key = seed % 2 == 0 ? "0123456789abcdef0123456789abcdef"u8.ToArray() : null;
        var entries = OpLogSamples.Chain(seed, 40, key);
        var head = OpLogChain.Verify(entries, key);

        var text = OpLogText.Render(entries);
        var parsed = OpLogTextParser.Parse(text);

        OpLogSamples.AssertSame(entries, parsed);
        var reparsedHead = OpLogChain.Verify(parsed, key);
        Assert.True(head.IsIntact, head.Problem);
        Assert.True(reparsedHead.IsIntact, reparsedHead.Problem);
        Assert.Equal(head.Head, reparsedHead.Head);
        Assert.Equal(40, reparsedHead.Count);
        Assert.Equal(text, OpLogText.Render(parsed));
    }

    [Fact]
    public void AnotherDesksChainReadsBackWithItsDeskAndStillVerifies()
    {
        var entries = new List<OpLogRecord>();
        var previous = OpLogChain.Genesis;
        foreach (var entry in OpLogSamples.Chain(7, 10))
        {
            entries.Add(OpLogChain.Seal(entry with { Desk = "fx-options", PrevHash = previous }, signingKey: null));
            previous = entries[^1].Hash;
        }

        var parsed = OpLogTextParser.Parse(OpLogText.Render(entries));

        OpLogSamples.AssertSame(entries, parsed);
        Assert.All(parsed, e => Assert.Equal("fx-options", e.Desk));
        Assert.True(OpLogChain.Verify(parsed).IsIntact);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EntriesWithAnyTextInEveryFieldReadBackTheSame(int seed)
    {
        var entries = OpLogSamples.Loose(seed + 1000, 40);

        var parsed = OpLogTextParser.Parse(OpLogText.Render(entries));

        OpLogSamples.AssertSame(entries, parsed);
    }

    [Fact]
    public void TheSamplesCoverEveryKindEveryNullAndTheAwkwardText()
    {
        // Guards the generator: a round trip over tame samples would prove little.
        var entries = Enumerable.Range(1, 25).SelectMany(seed => OpLogSamples.Chain(seed, 40)).ToList();

        Assert.All(OpLogEvents.All, kind => Assert.Contains(entries, e => e.Kind == kind));
        Assert.Contains(entries, e => e.Kind == "acknowledgement");
        Assert.Contains(entries, e => e.Who is null);
        Assert.Contains(entries, e => e.Reason is null);
        Assert.Contains(entries, e => e.Reason == "");
        Assert.Contains(entries, e => e.Reason?.Contains('\n', StringComparison.Ordinal) == true);
        Assert.Contains(entries, e => e.Reason?.EndsWith(' ') == true);
        Assert.Contains(entries, e => e.Ticket?.Contains('\\', StringComparison.Ordinal) == true);
        Assert.Contains(entries, e => e.Who?.Name.Contains("Ольга", StringComparison.Ordinal) == true);
        Assert.Contains(entries, e => e.Failures.Count > 1 && e.Failures.Any(f => f.Check.Contains('(', StringComparison.Ordinal)));
        Assert.Contains(entries, e => e.Mode == "Live");
        Assert.Contains(entries, e => e.At.UtcTicks % TimeSpan.TicksPerMillisecond != 0);
        Assert.Contains(entries, e => e.At.Offset != TimeSpan.Zero);
    }

    // Theory rows by index: xunit's discovery would have to serialise the lone surrogates.
    private static readonly string[] Awkward =
    [
        "", " both ends ", "\\", "a\\nb", "\ud800 lone high", "lone low \udc00", "pair 😀 kept", "paren (x) and ) and ;",
        "\u0000\u001f\u007f\u0085\u2028\u2029", "\u00A0edge nbsp\u00A0",
    ];

    public static TheoryData<int> AwkwardRows { get; } = [.. Enumerable.Range(0, Awkward.Length)];

    [Theory]
    [MemberData(nameof(AwkwardRows))]
    public void EscapedTextIsOneLineWithNoEdgeSpaceAndUnescapesExactly(int row)
    {
        var value = Awkward[row];
        var escaped = OpLogTextEscape.Escape(value, "();");

        Assert.Equal(value, OpLogTextEscape.Unescape(escaped));
        Assert.DoesNotContain(escaped, c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029' || char.IsControl(c));
        Assert.Equal(escaped.Trim(), escaped);
        Assert.Equal(-1, OpLogTextEscape.IndexOfUnescaped(escaped, '('));
    }
}
