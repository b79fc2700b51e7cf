using System.Text;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Audit;

/// <summary>
/// healthgate audit verify against a stand-in gate serving an operational log sealed with the shared OpLogChain: an
/// intact chain exits 0 with its head, a changed, removed or reordered entry (or a wrong signing key) exits 1 naming
/// the first entry that breaks it, and a gate that cannot be read exits 1 in one line.
/// </summary>
public sealed class AuditVerifyTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 8, 53, 4, 123, TimeSpan.Zero);

    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task AnIntactChainReadOverSeveralPagesExits0WithItsCountAndHead()
    {
        var entries = Chain(1200);
        _gate.AnswerOpLog(entries);

        var result = await RunAsync();

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal($"1200 entries, chain intact, head {entries[^1].Hash}\n", result.Out);
        Assert.Equal("", result.Error);
        Assert.Equal(["?limit=500", "?after=500&limit=500", "?after=1000&limit=500"], _gate.OpLogReads.Select(r => r.Query));
    }

    [Fact]
    public async Task AnEmptyLogIsIntactAtTheGenesis()
    {
        _gate.AnswerOpLog([]);

        var result = await RunAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"0 entries, chain intact, head {OpLogChain.Genesis}\n", result.Out);
    }

    [Fact]
    public async Task TheAnchorOfAnEarlierReviewHoldsOnAnIntactLog()
    {
        var entries = Chain(12);
        _gate.AnswerOpLog(entries);

        var result = await RunAsync("--expect-head", $"9:{entries[8].Hash.ToUpperInvariant()}");

        Assert.True(result.ExitCode == 0, result.Error + result.Out);
        Assert.StartsWith("12 entries, chain intact", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALogRewrittenFromTheStartIsCaughtByTheAnchor()
    {
        var recorded = Chain(12)[8].Hash;

        // Every entry resealed on a changed first one: a chain intact in itself, but not the one reviewed.
        var rewritten = Chain(12);
        rewritten[0] = rewritten[0] with { Reason = "rewritten" };
        var previous = OpLogChain.Genesis;
        for (var i = 0; i < rewritten.Count; i++)
        {
            rewritten[i] = OpLogChain.Seal(rewritten[i] with { PrevHash = previous }, null);
            previous = rewritten[i].Hash;
        }

        _gate.AnswerOpLog(rewritten);

        var result = await RunAsync("--expect-head", $"9:{recorded}");

        Assert.Equal(1, result.ExitCode);
        // The test terminal folds at its width; the message is whole once the folds are joined.
        Assert.Contains($"entry 9 has hash {rewritten[8].Hash}, the anchor recorded {recorded}", result.Out.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATruncatedLogIsCaughtByTheAnchor()
    {
        var entries = Chain(12);
        _gate.AnswerOpLog([.. entries.Take(7)]);

        var result = await RunAsync("--expect-head", $"9:{entries[8].Hash}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("entry 9 is missing: the log ends at entry 7 (truncated)", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("9:abc")]
    public async Task AnAnchorThatIsNotSeqColonHashIsAUsageError(string anchor)
    {
        _gate.AnswerOpLog(Chain(3));

        var result = await RunAsync("--expect-head", anchor);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is not SEQ:HASH", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.OpLogReads);
    }

    public static TheoryData<string, string> Tampered => new()
    {
        { "changed", "chain BROKEN at entry 7: entry 7 was changed: its content does not match its hash (6 entries verified before it" },
        { "changed-and-rehashed", "chain BROKEN at entry 8: entry 8 does not follow entry 7" },
        { "removed", "chain BROKEN at entry 5: entry 5 is missing (removed): the next entry is 6" },
        { "reordered", "chain BROKEN at entry 4: entry 4 is missing (removed): the next entry is 5" },
        { "last-removed-and-appended", "chain BROKEN at entry 10: entry 10 does not follow entry 9" },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task ATamperedLogExits1NamingTheFirstEntryThatBreaksTheChain(string story, string problem)
    {
        var entries = Chain(12);
        switch (story)
        {
            case "changed":
                entries[6] = entries[6] with { Reason = "nothing to see here" };
                break;
            case "changed-and-rehashed":
                entries[6] = OpLogChain.Seal(entries[6] with { Ticket = "OPS-0000" }, null);
                break;
            case "removed":
                entries.RemoveAt(4);
                break;
            case "reordered":
                (entries[3], entries[4]) = (entries[4], entries[3]);
                break;
            default:
                // Entry 10 replaced by a forged one sealed over the right seq but without knowing entry 9's hash.
                entries[9] = OpLogChain.Seal(entries[9] with { PrevHash = OpLogChain.Genesis, Decision = OpLogEvents.Proceed }, null);
                break;
        }

        _gate.AnswerOpLog(entries);

        var result = await RunAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(problem, result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheSigningKeyFileEverySignatureIsVerified()
    {
        var entries = Chain(5, Encoding.UTF8.GetBytes("s3cret-signing-key"));
        _gate.AnswerOpLog(entries);

        var result = await RunAsync("--signing-key-file", await KeyFileAsync("  s3cret-signing-key  \nnot read\n"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal($"5 entries, chain intact, every entry signed by the signing key, head {entries[^1].Hash}\n", result.Out);
        Assert.DoesNotContain("s3cret", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherSigningKeyBreaksAtTheFirstEntry()
    {
        _gate.AnswerOpLog(Chain(5, Encoding.UTF8.GetBytes("s3cret-signing-key")));

        var result = await RunAsync("--signing-key-file", await KeyFileAsync("another-key\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("chain BROKEN at entry 1: entry 1 is not signed by the signing key", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsignedLogDoesNotPassASigningKeyCheck()
    {
        _gate.AnswerOpLog(Chain(3));

        var result = await RunAsync("--signing-key-file", await KeyFileAsync("s3cret-signing-key\n"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("entry 1 is not signed by the signing key", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingSigningKeyFileIsExit1BeforeAnyRequest()
    {
        var result = await RunAsync("--signing-key-file", Path.Combine(_files.Path, "absent.key"));

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("healthgate: cannot read the signing key file", result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task AnUnreachableGateIsExit1InOneLine()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";

        var result = await new CliRun().RunAsync(["audit", "verify", "--url", url]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"healthgate: audit verify FAILED — the gate at {url} is unreachable", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Count(c => c == '\n'));
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData(200, "<html>nginx</html>", "text/html", "with a body that is not a page of the operational log")]
    [InlineData(200, """{"items":[{"seq":1}],"next":null}""", "application/json", "with a body that is not a page of the operational log")]
    [InlineData(200, """{"items":[],"next":"0"}""", "application/json", "paging does not move on")]
    [InlineData(401, """{"title":"Unauthorized","detail":"a key is required to read the operational log"}""", "application/problem+json", "answered 401: a key is required to read the operational log")]
    public async Task AGarbledOrRefusedAnswerIsExit1InOneLine(int status, string body, string contentType, string message)
    {
        _gate.AnswerOpLog(status, body, contentType);

        var result = await RunAsync();

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("healthgate: audit verify FAILED — ", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(1, result.Error.Count(c => c == '\n'));
    }

    [Fact]
    public async Task TheReadKeyIsSentAsXApiKey()
    {
        _gate.AnswerOpLog(Chain(2));

        var result = await new CliRun { ApiKey = "auditor-key" }.RunAsync(["audit", "verify", "--url", _gate.Url]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("auditor-key", Assert.Single(_gate.OpLogReads).ApiKey);
    }

    /// <summary>A chain as the gate writes it: every kind of entry in turn, sealed one after another.</summary>
    internal static List<OpLogRecord> Chain(int count, byte[]? signingKey = null)
    {
        var entries = new List<OpLogRecord>();
        var previous = OpLogChain.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var entry = OpLogChain.Seal(
                new OpLogRecord
                {
                    Seq = seq,
                    At = Start.AddSeconds(seq),
                    Kind = OpLogEvents.All[seq % OpLogEvents.All.Count],
                    Mode = seq % 3 == 0 ? "paper" : "live",
                    RunId = $"01JRUN{seq:D6}",
                    Verdict = "P1_FAIL",
                    ExitCode = 2,
                    Failures = [new OpLogFailureRecord("execution-ready", "P1", "unexpected_status")],
                    Decision = OpLogEvents.Pending,
                    Who = seq % 2 == 0 ? OverrideRecords.Jane : null,
                    OverrideId = seq,
                    OverrideKind = OverrideRequest.ForceStart,
                    Role = seq % 2 == 0 ? "risk-manager" : null,
                    Ticket = "OPS-1234",
                    Reason = "known MT5 import issue — ünïcødé",
                    ConfigHash = "sha256:c0ffee",
                    PrevHash = previous,
                },
                signingKey);
            entries.Add(entry);
            previous = entry.Hash;
        }

        return entries;
    }

    private async Task<string> KeyFileAsync(string content)
    {
        var file = Path.Combine(_files.Path, $"signing-{Guid.NewGuid():N}.key");
        await File.WriteAllTextAsync(file, content);
        return file;
    }

    private Task<CliResult> RunAsync(params string[] extra) => new CliRun().RunAsync(["audit", "verify", "--url", _gate.Url, .. extra]);
}
