using HealthGate.Audit;

namespace HealthGate.Tests.Audit;

public sealed class OpLogTextTests
{
    [Fact]
    public void AFailedPreflightReadsAsTheOperationsDocumentsBlock()
    {
        var entry = OverrideStory.Entries()[0];

        var text = OpLogText.Render([entry]);

        Assert.Equal(
            $"""
            [2025-11-15 08:53:04] HEALTH_CHECK_FAILED
              Mode: LIVE
              Run: {OverrideStory.RunId}
              Verdict: P1_FAIL
              Exit Code: 2 (P1 failure)
              Failures: Strategy orchestrator (P1): MT5 import
              Decision: ABORT
              Operator: Olga Ivanova
              Who: olga (person)
              Seq: 1
              At: 2025-11-15T08:53:04.000Z
              Kind: preflight_failure
              Config: {OverrideStory.ConfigHash}
              Prev Hash: {OpLogChain.Genesis}
              Hash: {entry.Hash}

            """,
            text);
    }

    [Fact]
    public void TheUsedOverrideNamesItsApproversByRoleAndNameAndTheParseIgnoresThem()
    {
        var entries = OverrideStory.Entries();
        var overrides = new Dictionary<long, OverrideRecord> { [12] = OverrideStory.Override };

        var text = OpLogText.Render(entries, overrides);
        var used = text.Split("\n\n")[5];

        Assert.StartsWith("[2025-11-15 09:15:04] OVERRIDE_FORCE_START\n", used, StringComparison.Ordinal);
        Assert.Contains("\n  Reason: Known MT5 import issue, not needed for active strategies\n", used, StringComparison.Ordinal);
        Assert.Contains("\n  Approved By: risk-manager (Jane Smith), cto (Bob Jones)\n", used, StringComparison.Ordinal);
        Assert.Contains("\n  Documentation: Ticket #1234\n", used, StringComparison.Ordinal);
        Assert.Contains("\n  Operator: launcher-prod\n", used, StringComparison.Ordinal);
        OpLogSamples.AssertSame(entries, OpLogTextParser.Parse(text));
        Assert.Equal(OpLogText.Render(entries), OpLogText.Render(OpLogTextParser.Parse(text)));
    }

    [Fact]
    public void EachKindHasItsHeading()
    {
        var headings = OpLogText.Render(OverrideStory.Entries()).Split('\n').Where(l => l.StartsWith('[')).Select(l => l[22..]);

        Assert.Equal(
            ["HEALTH_CHECK_FAILED", "OVERRIDE_FORCE_START_REQUESTED", "APPROVAL", "APPROVAL", "OVERRIDE_FORCE_START_APPROVED", "OVERRIDE_FORCE_START"],
            headings);
    }

    [Theory]
    [InlineData(OpLogEvents.OverrideRequested, OpLogEvents.Refused, "skip_health_check", "OVERRIDE_SKIP_HEALTH_CHECK_REFUSED")]
    [InlineData(OpLogEvents.OverrideDecided, OpLogEvents.Reject, "force_start", "REJECTION")]
    [InlineData(OpLogEvents.OverrideRejected, null, "force_start", "OVERRIDE_FORCE_START_REJECTED")]
    [InlineData(OpLogEvents.OverrideExpired, OpLogEvents.Expired, "skip_health_check", "OVERRIDE_SKIP_HEALTH_CHECK_EXPIRED")]
    [InlineData("acknowledgement", null, null, "ACKNOWLEDGEMENT")]
    [InlineData("bad kind\n[x] FORGED", null, null, "BAD_KIND__X__FORGED")]
    public void HeadingsFollowTheKindTheDecisionAndTheOverrideKind(string kind, string? decision, string? overrideKind, string heading) =>
        Assert.Equal(heading, OpLogHeadings.Of(new OpLogRecord { Kind = kind, Mode = "live", Decision = decision, OverrideKind = overrideKind }));

    [Fact]
    public void AChangedReasonInTheFileBreaksTheChainAtThatEntry()
    {
        var text = OpLogText.Render(OverrideStory.Entries());

        var edited = text.Replace("Reason: Known MT5", "Reason: Unknown MT5", StringComparison.Ordinal);
        var verification = OpLogChain.Verify(OpLogTextParser.Parse(edited));

        Assert.NotEqual(text, edited);
        Assert.False(verification.IsIntact);
        Assert.Equal(2, verification.BrokenAt);
    }

    [Fact]
    public void ARemovedBlockBreaksTheChainAtTheEntryAfterIt()
    {
        var blocks = OpLogText.Render(OverrideStory.Entries()).Split("\n\n");

        var verification = OpLogChain.Verify(OpLogTextParser.Parse(string.Join("\n\n", blocks.Where((_, i) => i != 2))));

        Assert.False(verification.IsIntact);
        Assert.Equal(3, verification.BrokenAt);
    }

    [Fact]
    public void ACrlfFileReadsTheSame()
    {
        var entries = OverrideStory.Entries();

        var parsed = OpLogTextParser.Parse(OpLogText.Render(entries).Replace("\n", "\r\n", StringComparison.Ordinal));

        OpLogSamples.AssertSame(entries, parsed);
    }

    [Theory]
    [InlineData("  Mode: LIVE\n", "line 1")]
    [InlineData("[2025-11-15 08:53:04] X\n  Colour: red\n", "unknown label 'Colour'")]
    [InlineData("[2025-11-15 08:53:04] X\n  Mode: LIVE\n  Mode: PAPER\n", "'Mode' appears twice")]
    [InlineData("[2025-11-15 08:53:04] X\n  Mode: LIVE\n  Kind: k\n  At: 2025-11-15T08:53:04.000Z\n  Prev Hash: p\n  Hash: h\n", "'Seq' is missing")]
    [InlineData("[2025-11-15 08:53:04] X\nMode: LIVE\n", "line 2")]
    [InlineData("[2025-11-15 08:53:04] X\n  Mode: LIVE\n  Kind: k\n  Seq: 1\n  At: 2025-11-15T08:53:04.000Z\n  Prev Hash: p\n  Hash: h\n  Reason: dangling\\", "ends inside an escape")]
    public void TheParserRefusesWhatTheRendererNeverWrites(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => OpLogTextParser.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
