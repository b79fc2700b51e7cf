using HealthGate.Audit;
using PdfSharp.Pdf;

namespace HealthGate.Tests.Audit;

/// <summary>The evidence packs, read back by poppler's pdftotext and pdfinfo rather than by the library that wrote them.</summary>
public sealed class OpLogPdfTests
{
    private static readonly DateTimeOffset GeneratedAt = new(2025, 11, 16, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ARunsPackShowsTheRunItsChecksItsApproversTheEntriesAndTheHead()
    {
        var entries = OverrideStory.Entries();
        var chain = OpLogChain.Verify(entries);
        var pack = new RunEvidence("desk-eu", GeneratedAt, OverrideStory.Run, [OverrideStory.Override], entries, chain);

        var text = await Poppler.TextAsync(OpLogPdf.Run(pack));

        Assert.Contains(OverrideStory.RunId, text, StringComparison.Ordinal);
        Assert.Contains("P1_FAIL", text, StringComparison.Ordinal);
        Assert.Contains("Strategy orchestrator", text, StringComparison.Ordinal);
        Assert.Contains("ImportError: no module named MetaTrader5", text, StringComparison.Ordinal);
        Assert.Contains("Jane Smith", text, StringComparison.Ordinal);
        Assert.Contains("Bob Jones", text, StringComparison.Ordinal);
        Assert.Contains("risk-manager", text, StringComparison.Ordinal);
        Assert.Contains("Olga Ivanova", text, StringComparison.Ordinal);
        Assert.Contains("Override #12", text, StringComparison.Ordinal);
        Assert.Contains(chain.Head!, text, StringComparison.Ordinal);
        Assert.All(entries, e => Assert.Contains(e.Hash, text, StringComparison.Ordinal));
        Assert.Contains("6 entries (seq 1 to 6): each hash recomputed from its content: all match", Poppler.Flat(text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongReasonWrapsAndIsReadBackWhole()
    {
        var reason = string.Join(' ', Enumerable.Range(1, 120).Select(i => $"word{i}"));
        var token = string.Concat(Enumerable.Repeat("0123456789", 20));
        var o = OverrideStory.Override with { Reason = reason, Mitigation = token };
        var pack = new RunEvidence("desk-eu", GeneratedAt, OverrideStory.Run, [o], [], OpLogChain.Verify([]));

        var text = await Poppler.TextAsync(OpLogPdf.Run(pack));

        Assert.Contains(reason, Poppler.Flat(text), StringComparison.Ordinal);
        Assert.DoesNotContain(reason, text, StringComparison.Ordinal);
        Assert.Contains(token, Poppler.Flat(text).Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFiveHundredEntryPeriodPaginatesAndEndsWithTheLastEntry()
    {
        var entries = OpLogSamples.Chain(seed: 7, count: 500);
        var chain = OpLogChain.Verify(entries);
        var pack = new PeriodEvidence("desk-eu", entries[0].At, entries[^1].At.AddSeconds(1), GeneratedAt, chain, entries);

        var pdf = OpLogPdf.Period(pack);
        var text = await Poppler.TextAsync(pdf);
        var pages = await Poppler.PagesAsync(pdf);

        Assert.True(pages > 10, $"{pages} pages");
        Assert.Contains($"page {pages} of {pages}", text, StringComparison.Ordinal);
        Assert.Contains("#500", text, StringComparison.Ordinal);
        Assert.Contains(entries[^1].Hash, text, StringComparison.Ordinal);
        Assert.Contains(chain.Head!, text, StringComparison.Ordinal);
        Assert.Contains("intact: 500 entries", text, StringComparison.Ordinal);
        Assert.Contains("500 entries (seq 1 to 500): each hash recomputed from its content and linked to the one before: all hold", Poppler.Flat(text), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABrokenChainIsNamedWhereItBreaks()
    {
        var entries = OverrideStory.Entries().ToList();
        entries[2] = entries[2] with { Comment = "not what Jane wrote" };
        var chain = OpLogChain.Verify(entries);
        var pack = new PeriodEvidence("desk-eu", entries[0].At, GeneratedAt, GeneratedAt, chain, entries);

        var text = Poppler.Flat(await Poppler.TextAsync(OpLogPdf.Period(pack)));

        Assert.Contains("BROKEN at entry 3: entry 3 was changed", text, StringComparison.Ordinal);
        Assert.Contains("none: the chain does not verify", text, StringComparison.Ordinal);
        Assert.Contains("entry 3 does NOT match its hash", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesInOtherScriptsAreReadBackAsText()
    {
        var entry = OverrideStory.Entries()[0] with { Who = new Actor("olga", "Ольга Иванова", Actor.Person), Reason = "Ελληνικά, Ünïcödé" };
        var pack = new PeriodEvidence("desk-eu", entry.At, GeneratedAt, GeneratedAt, OpLogChain.Verify([entry]), [entry]);

        var text = await Poppler.TextAsync(OpLogPdf.Period(pack));

        Assert.Contains("Ольга Иванова (olga, person)", text, StringComparison.Ordinal);
        Assert.Contains("Ελληνικά, Ünïcödé", text, StringComparison.Ordinal);
    }

    [Fact]
    public void WrappedLinesFitTheirWidthAndKeepEveryWord()
    {
        using var document = new PdfDocument();
        using var layout = new EvidenceLayout(document, "test");
        var text = string.Join(' ', Enumerable.Range(1, 80).Select(i => $"word{i}"));
        var token = new string('x', 300);

        var lines = layout.Wrap(text, layout.Body, 200);
        var tokenLines = layout.Wrap(token, layout.Body, 200);

        Assert.True(lines.Count > 3, $"{lines.Count} lines");
        Assert.All(lines.Concat(tokenLines), line => Assert.True(layout.Measure(line, layout.Body) <= 200, line));
        Assert.Equal(text, string.Join(' ', lines));
        Assert.True(tokenLines.Count > 1);
        Assert.Equal(token, string.Concat(tokenLines));
    }

    [Theory]
    [InlineData("ab cd ef", 5, "ab cd|ef")]
    [InlineData("abcdefgh", 3, "abc|def|gh")]
    [InlineData("x e\u0301e\u0301e\u0301", 2, "x|e\u0301e\u0301|e\u0301")]
    [InlineData("one\n\ntwo\tthree", 20, "one||two three")]
    public void WrapBreaksAtSpacesThenBetweenCharactersAndKeepsLineBreaks(string text, int width, string expected)
    {
        // One point per text element, so the expected lines can be counted by eye.
        var lines = EvidenceText.Wrap(text, width, s => new System.Globalization.StringInfo(s).LengthInTextElements);

        Assert.Equal(expected, string.Join('|', lines));
    }

    [Fact]
    public void WithoutTheFontThePackFailsNamingThePackage()
    {
        using var empty = new TempDirectory();

        var error = Assert.Throws<InvalidOperationException>(() => EvidenceFonts.Load([empty.Path]));

        Assert.Contains("DejaVu Sans", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y fonts-dejavu-core", error.Message, StringComparison.Ordinal);
        Assert.Contains(empty.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheImageAndTheTestScriptInstallTheFontWhereTheResolverLooksFirst()
    {
        var dockerfile = File.ReadAllText(RepoRoot.File("Dockerfile"));
        var finalStage = dockerfile[dockerfile.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        var testScript = File.ReadAllText(RepoRoot.File("scripts/test.sh"));

        Assert.Equal("/usr/share/fonts/truetype/dejavu", EvidenceFonts.Directories[0]);
        Assert.Contains("apt-get install -y --no-install-recommends fonts-dejavu-core", finalStage, StringComparison.Ordinal);
        Assert.Contains($"[ -e {EvidenceFonts.Directories[0]}/DejaVuSans.ttf ]", testScript, StringComparison.Ordinal);
        Assert.Contains("need+=(fonts-dejavu-core)", testScript, StringComparison.Ordinal);
        Assert.Contains("need+=(poppler-utils)", testScript, StringComparison.Ordinal);
    }
}
