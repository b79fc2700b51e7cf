using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Desks;
using HealthGate.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Tests.Storage.TestRuns;

namespace HealthGate.Tests.Storage;

/// <summary>Desks sharing one database: a second desk's store beside <see cref="GateStoreContract.Store"/> (the default desk's).</summary>
public abstract partial class GateStoreContract
{
    private const string OtherDesk = "desk-b";

    /// <summary>SQL that keys an op-log table on seq alone again, as it was before desks (where the provider can add a key).</summary>
    protected virtual string? KeyOnSeqAloneSql => null;

    [Fact]
    public async Task TwoDesksOnOneDatabaseSeeNothingOfEachOthersRuns()
    {
        await using var other = await OtherDeskAsync();
        var mine = Run("live", Now, Check("core", CheckTier.P0, HealthStatus.Healthy));
        var theirs = Run("live", Now.AddSeconds(1), Check("core", CheckTier.P0, HealthStatus.Unhealthy, "unreachable"));
        await Store.SaveRunAsync(mine, CancellationToken.None);
        await other.Store.SaveRunAsync(theirs, CancellationToken.None);

        Assert.Null(await Store.FindRunAsync(theirs.RunId, CancellationToken.None));
        Assert.Null(await other.Store.FindRunAsync(mine.RunId, CancellationToken.None));
        Assert.Equal([mine.RunId], (await Store.ListRunsAsync(null, 10, CancellationToken.None)).Select(r => r.RunId));
        Assert.Equal([theirs.RunId], (await other.Store.ListRunsAsync("live", 10, CancellationToken.None)).Select(r => r.RunId));
    }

    [Fact]
    public async Task EachDeskHasItsOwnChainFromSeqOneAndBothVerify()
    {
        await using var other = await OtherDeskAsync();
        var appends = Enumerable.Range(1, 8).Select(i => (i % 2 == 0 ? Store : other.Store).AppendAsync(Override(reason: $"r{i}"), CancellationToken.None));
        await Task.WhenAll(appends);
        await Store.AppendAsync(Override(reason: "mine"), CancellationToken.None);

        var mine = await Store.ReadEntriesAsync(new OpLogQuery(100), CancellationToken.None);
        var theirs = await other.Store.ReadEntriesAsync(new OpLogQuery(100), CancellationToken.None);

        Assert.Equal([1L, 2, 3, 4, 5], mine.Select(e => e.Seq));
        Assert.Equal([1L, 2, 3, 4], theirs.Select(e => e.Seq));
        Assert.Equal(OpLogChain.Genesis, theirs[0].PrevHash);
        Assert.Equal(5, OpLogChain.Verify(mine).Count);
        Assert.True(OpLogChain.Verify(mine).IsIntact);
        Assert.True(OpLogChain.Verify(theirs).IsIntact);
        Assert.DoesNotContain(theirs, e => e.Reason == "mine");
        Assert.Empty(await other.Store.ReadEntriesAsync(new OpLogQuery(100) { AfterSeq = 4 }, CancellationToken.None));

        // The default desk's entries hash as they did before desks; another desk's name is in its entries' hashes.
        Assert.All(mine, e => Assert.Null(e.Desk));
        Assert.All(theirs, e => Assert.Equal(OtherDesk, e.Desk));
        Assert.False(OpLogChain.Verify(theirs.Select(e => e with { Desk = "desk-c" })).IsIntact);
        Assert.False(OpLogChain.Verify(theirs.Select(e => e with { Desk = null })).IsIntact);
    }

    [Fact]
    public async Task TwoDesksOnOneDatabaseSeeNothingOfEachOthersOverrides()
    {
        await using var other = await OtherDeskAsync();
        var (mine, _) = await Store.CreateOverrideAsync(Draft() with { ExpiresAt = Now.AddMinutes(-1) }, Override(), CancellationToken.None);
        var (theirs, entry) = await other.Store.CreateOverrideAsync(Draft(), Override(), CancellationToken.None);

        Assert.Equal(1, entry.Seq);
        Assert.Null(await other.Store.FindOverrideAsync(mine.Id, CancellationToken.None));
        Assert.Equal([theirs.Id], (await other.Store.ListOverridesAsync(null, null, 10, CancellationToken.None)).Select(o => o.Id));
        Assert.Equal([mine.Id], (await Store.ListOverridesAsync(OverrideStates.Pending, null, 10, CancellationToken.None)).Select(o => o.Id));
        Assert.Empty(await other.Store.ListExpiredAsync(Now, CancellationToken.None));
        Assert.Equal([mine.Id], (await Store.ListExpiredAsync(Now, CancellationToken.None)).Select(o => o.Id));

        // Another desk's override does not exist for this desk: a decision on it is told so and changes nothing.
        var seen = await other.Store.ChangeOverrideAsync(mine.Id, found => new OverrideChange<bool>(found is not null), CancellationToken.None);
        Assert.False(seen);
        Assert.Equal(OverrideStates.Pending, (await Store.FindOverrideAsync(mine.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task PruningADeskLeavesTheOtherDesksRuns()
    {
        await using var other = await OtherDeskAsync();
        var mine = Run("live", Now.AddDays(-40));
        var theirs = Run("live", Now.AddDays(-40));
        await Store.SaveRunAsync(mine, CancellationToken.None);
        await other.Store.SaveRunAsync(theirs, CancellationToken.None);

        Assert.Equal(1, await Store.PruneRunsAsync(Now.AddDays(-30), CancellationToken.None));
        Assert.Null(await Store.FindRunAsync(mine.RunId, CancellationToken.None));
        Assert.NotNull(await other.Store.FindRunAsync(theirs.RunId, CancellationToken.None));
    }

    [Fact]
    public async Task AStoreFromBeforeDesksBecomesTheDefaultDesksAndEveryChainGoesOn()
    {
        var run = Run("live", Now);
        await Store.SaveRunAsync(run, CancellationToken.None);
        var (created, _) = await Store.CreateOverrideAsync(Draft(), Override(), CancellationToken.None);
        await Store.AppendAsync(Override(reason: "before desks"), CancellationToken.None);
        await BackToBeforeDesksAsync();

        var reopened = CreateStore();
        await reopened.EnsureSchemaAsync(CancellationToken.None);
        await reopened.AppendAsync(Override(reason: "after desks"), CancellationToken.None);
        await using var other = await OtherDeskAsync();
        var first = await other.Store.AppendAsync(Override(reason: "another desk"), CancellationToken.None);

        var mine = await reopened.ReadEntriesAsync(new OpLogQuery(100), CancellationToken.None);
        Assert.Equal([1L, 2, 3], mine.Select(e => e.Seq));
        Assert.True(OpLogChain.Verify(mine).IsIntact);
        Assert.Equal(1, first.Seq);
        Assert.NotNull(await reopened.FindRunAsync(run.RunId, CancellationToken.None));
        Assert.NotNull(await reopened.FindOverrideAsync(created.Id, CancellationToken.None));
        Assert.Null(await other.Store.FindRunAsync(run.RunId, CancellationToken.None));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync("DELETE FROM healthgate_oplog WHERE seq = 1"));
        await DisposeStoreAsync(reopened);
    }

    [Fact]
    public async Task TheLogKeptBeforeTheChainIsTheDefaultDesksAndNeverCopiedIntoAnotherDesk()
    {
        await ExecuteAsync(
            "INSERT INTO healthgate_op_log (recorded_at, kind, mode, run_id, verdict, exit_code, failures, decision, operator_name, approvers, ticket, reason, api_key_name) "
            + $"VALUES ({LegacyTime}, 'force_start', 'live', 'run-x', 'P1_FAIL', 2, '[]', 'proceed', 'olga', '[\"anna\"]', 'CHG-9', 'feed down', 'ops')");

        await using var other = await OtherDeskAsync();

        Assert.Empty(await other.Store.ReadEntriesAsync(new OpLogQuery(100), CancellationToken.None));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Desk-A")]
    [InlineData("desk a")]
    [InlineData("a-desk-name-of-sixty-four-characters-is-one-too-many-for-a-label")]
    public void AStoreRefusesADeskThatIsNotADeskName(string desk) =>
        Assert.Throws<ArgumentException>(() => CreateStore(desk: desk));

    /// <summary>Puts the tables as a store made before desks had them: no desk column, the log keyed on seq alone.</summary>
    private async Task BackToBeforeDesksAsync()
    {
        foreach (var index in DeskSchema.Indexes)
        {
            await ExecuteAsync("DROP INDEX " + index.Split(' ')[5]);
        }

        await ExecuteAsync($"CREATE TABLE healthgate_oplog_before AS SELECT {OpLogTable.Columns} FROM healthgate_oplog");
        await ExecuteAsync("DROP TABLE healthgate_oplog");
        await ExecuteAsync("ALTER TABLE healthgate_oplog_before RENAME TO healthgate_oplog");
        if (KeyOnSeqAloneSql is { } key)
        {
            await ExecuteAsync(key);
        }

        await ExecuteAsync("ALTER TABLE healthgate_runs DROP COLUMN desk");
        await ExecuteAsync("ALTER TABLE healthgate_overrides DROP COLUMN desk");
    }

    private async Task<DeskStore> OtherDeskAsync()
    {
        var store = CreateStore(desk: OtherDesk);
        await store.EnsureSchemaAsync(CancellationToken.None);
        return new DeskStore(store);
    }

    private sealed class DeskStore(IGateStore store) : IAsyncDisposable
    {
        public IGateStore Store => store;

        public ValueTask DisposeAsync() => store is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
    }
}
