using HealthGate.Cli.Tests.Infrastructure;
using static HealthGate.Cli.Tests.Infrastructure.DeskGate;

namespace HealthGate.Cli.Tests.Audit;

/// <summary>
/// <c>healthgate audit verify</c> as its own process against the real service and its real store: the chain the
/// service wrote verifies with its true head, and rows tampered with directly in the database (the append-only
/// triggers dropped first, as an attacker with the database's owner would) are named at the first entry that breaks.
/// With the service's signing key, a chain re-hashed without the key is caught, and another key fails.
/// </summary>
public abstract class AuditVerifyEndToEndContract : IDisposable
{
    private const string SigningKey = "e2e audit signing key, at least thirty-two bytes 5c0e";

    private readonly TempDirectory _files = new();

    public void Dispose()
    {
        _files.Dispose();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<string, string> Tampering => new()
    {
        { "change", "entry 3 was changed: its content does not match its hash" },
        { "delete", "entry 3 is missing (removed): the next entry is 4" },
        { "swap", "entry 3 does not follow entry 2: its prevHash is not that entry's hash (changed, removed or reordered)" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task TheChainVerifiesWithItsHeadUntilARowIsTamperedWithThenTheEntryIsNamed(string tampering, string problem)
    {
        await using var desk = await StartAsync();
        var log = await StoryAsync(desk);

        var intact = await desk.CliAsync(null, "audit", "verify");

        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Equal($"6 entries, chain intact, head {log[^1].Hash}\n", intact.Out);
        await DisableAppendOnlyAsync(desk);
        switch (tampering)
        {
            case "change":
                await ExecuteAsync(desk, "UPDATE healthgate_oplog SET comment = 'nothing to see' WHERE seq = 3");
                break;
            case "delete":
                await ExecuteAsync(desk, "DELETE FROM healthgate_oplog WHERE seq = 3");
                break;
            default:
                // Entries 3 and 4 trade places, each row keeping its content: the order of events is what changed.
                await ExecuteAsync(desk, "UPDATE healthgate_oplog SET seq = 100 WHERE seq = 3");
                await ExecuteAsync(desk, "UPDATE healthgate_oplog SET seq = 3 WHERE seq = 4");
                await ExecuteAsync(desk, "UPDATE healthgate_oplog SET seq = 4 WHERE seq = 100");
                break;
        }

        var broken = await desk.CliAsync(null, "audit", "verify");

        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith($"chain BROKEN at entry 3: {problem} (2 entries verified before it, ", broken.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedChainVerifiesWithTheServicesKeyFileAndFailsWithAnother()
    {
        await using var desk = await StartAsync(("Audit:SigningKey", SigningKey));
        var log = await StoryAsync(desk);

        var signed = await desk.CliAsync(null, "audit", "verify", "--signing-key-file", KeyFile(SigningKey));
        var wrong = await desk.CliAsync(null, "audit", "verify", "--signing-key-file", KeyFile("another key, also thirty-two bytes or more"));

        Assert.True(signed.ExitCode == 0, signed.Error);
        Assert.Equal($"6 entries, chain intact, every entry signed by the signing key, head {log[^1].Hash}\n", signed.Out);
        Assert.Equal(1, wrong.ExitCode);
        Assert.StartsWith("chain BROKEN at entry 1: entry 1 is not signed by the signing key", wrong.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(SigningKey, signed.Out + signed.Error + wrong.Out + wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChainReHashedWithoutTheKeyPassesThePlainCheckAndIsCaughtByTheKey()
    {
        await using var desk = await StartAsync(("Audit:SigningKey", SigningKey));
        await StoryAsync(desk);
        await DisableAppendOnlyAsync(desk);

        // Whoever can write the table can recompute plain hashes from the changed entry on; without the key, not the signatures.
        await ExecuteAsync(desk, "UPDATE healthgate_oplog SET comment = 'nothing to see' WHERE seq = 3");
        var changed = await desk.OpLogAsync();
        var previous = changed[1].Hash;
        foreach (var entry in changed.Skip(2))
        {
            var resealed = OpLogChain.Seal(entry with { PrevHash = previous }, signingKey: null);
            await ExecuteAsync(desk, $"UPDATE healthgate_oplog SET prev_hash = '{resealed.PrevHash}', hash = '{resealed.Hash}' WHERE seq = {entry.Seq}");
            previous = resealed.Hash;
        }

        var plain = await desk.CliAsync(null, "audit", "verify");
        var keyed = await desk.CliAsync(null, "audit", "verify", "--signing-key-file", KeyFile(SigningKey));

        Assert.True(plain.ExitCode == 0, plain.Error);
        Assert.Equal($"6 entries, chain intact, head {previous}\n", plain.Out);
        Assert.Equal(1, keyed.ExitCode);
        Assert.StartsWith(
            "chain BROKEN at entry 3: entry 3 is not signed by the signing key (changed and re-hashed, or signed with another key) (2 entries verified before it, 6 read)",
            keyed.Out,
            StringComparison.Ordinal);
    }

    /// <summary>Settings that put the service's store where the provider's test wants it.</summary>
    protected abstract Task<(string Key, object? Value)[]> StorageAsync();

    private protected abstract Task DisableAppendOnlyAsync(DeskGate desk);

    private protected abstract Task ExecuteAsync(DeskGate desk, string sql);

    private async Task<DeskGate> StartAsync(params (string Key, object? Value)[] settings) =>
        await DeskGate.StartAsync(null, [.. await StorageAsync(), .. settings]);

    /// <summary>A live P1_FAIL, olga's request, jane's and bob's approvals, olga's use: six entries, entry 3 jane's decision.</summary>
    private static async Task<IReadOnlyList<OpLogRecord>> StoryAsync(DeskGate desk)
    {
        desk.Answer("P1_FAIL");
        using var preflight = await desk.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var run = System.Text.Json.JsonDocument.Parse(await preflight.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetString();
        var requested = await desk.PostAsync("/overrides", new { kind = "force_start", mode = "live", runId = run, reason = "stale feed", ticket = "CHG-1", impact = "some", mitigation = "watch" }, "olga");
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<OverrideRecord>(requested.Content, Json))!.Id;
        foreach (var who in new[] { "jane", "bob" })
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await desk.PostAsync($"/overrides/{id}/approvals", new { decision = "approve", comment = $"{who} saw it" }, who)).StatusCode);
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await desk.PostAsync($"/overrides/{id}/use", new { runId = run }, "olga")).StatusCode);
        var log = await desk.OpLogAsync();
        Assert.Equal(
            [OpLogEvents.PreflightFailure, OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideDecided, OpLogEvents.OverrideApproved, OpLogEvents.OverrideUsed],
            log.Select(e => e.Kind));
        Assert.Equal("jane", log[2].Who?.Id);
        return log;
    }

    private string KeyFile(string key)
    {
        var file = Path.Combine(_files.Path, $"signing-{Guid.NewGuid():N}.key");
        File.WriteAllText(file, key + "\n");
        return file;
    }
}
