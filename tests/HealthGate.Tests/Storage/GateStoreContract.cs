using System.Data.Common;
using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Desks;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Tests.Storage.TestRuns;

namespace HealthGate.Tests.Storage;

/// <summary>What every store must do, run against each real provider by a derived class.</summary>
public abstract partial class GateStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 53, 4, 123, TimeSpan.Zero);

    internal ManualTimeProvider Clock { get; } = new(Now.AddTicks(4567));

    internal IGateStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await PrepareAsync();
        Store = CreateStore();
        await Store.EnsureSchemaAsync(CancellationToken.None);
    }

    public virtual Task DisposeAsync() => Store is IAsyncDisposable d ? d.DisposeAsync().AsTask() : Task.CompletedTask;

    [Fact]
    public async Task SavedRunReadsBackAsTheSamePreflightJson()
    {
        var run = Run("live", Now.AddTicks(1234), Check("core", CheckTier.P0, HealthStatus.Healthy), Check("feed", CheckTier.P1, HealthStatus.Unhealthy, "unreachable"));

        await Store.SaveRunAsync(run, CancellationToken.None);
        var read = await Store.FindRunAsync(run.RunId, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(ToJson(run), ToJson(read));
        Assert.Equal("P1_FAIL", read.Verdict.Token());
        Assert.Equal(1, read.Summary.Unhealthy);
    }

    [Fact]
    public async Task RunWithMoreChecksThanOneInsertHoldsReadsBackWholeAndInOrder()
    {
        // The checks are written in multi-row INSERTs of RunRows.ChecksPerInsert; a run past two of them must lose
        // none, duplicate none and keep the order the checks ran in.
        var count = (2 * RunRows.ChecksPerInsert) + 3;
        var checks = Enumerable.Range(0, count)
            .Select(i => Check($"check-{i:D3}", i % 2 == 0 ? CheckTier.P0 : CheckTier.P1, i == count - 1 ? HealthStatus.Unhealthy : HealthStatus.Healthy, $"r{i}"))
            .ToArray();
        var run = Run("live", Now.AddTicks(1234), checks);

        await Store.SaveRunAsync(run, CancellationToken.None);
        var read = await Store.FindRunAsync(run.RunId, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(checks.Select(c => c.Name), read.Checks.Select(c => c.Name));
        Assert.Equal(ToJson(run), ToJson(read));
    }

    [Fact]
    public async Task DependenciesAndBlockersReadBackAsTheyWereRun()
    {
        var run = Run(
            "live",
            Now,
            Check("postgres", CheckTier.P0, HealthStatus.Unhealthy, "unreachable"),
            Check("api", CheckTier.P1, HealthStatus.Unhealthy, "unexpected_status") with { DependsOn = ["postgres", "redis"], BlockedBy = ["postgres"] });

        await Store.SaveRunAsync(run, CancellationToken.None);
        var read = await Store.FindRunAsync(run.RunId, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(ToJson(run), ToJson(read));
        Assert.Equal(["postgres", "redis"], read.Checks[1].DependsOn);
        Assert.Equal(["postgres"], read.Checks[1].BlockedBy);
        Assert.Empty(read.Checks[0].BlockedBy);
    }

    [Fact]
    public async Task AStoreFromBeforeDependenciesGainsTheirColumnsAndItsRunsReadBackWithNone()
    {
        var before = Run("live", Now, Check("core", CheckTier.P0, HealthStatus.Healthy) with { DependsOn = ["x"] });
        await Store.SaveRunAsync(before, CancellationToken.None);
        await ExecuteAsync("ALTER TABLE healthgate_run_checks DROP COLUMN depends_on");
        await ExecuteAsync("ALTER TABLE healthgate_run_checks DROP COLUMN blocked_by");

        var upgraded = CreateStore();
        try
        {
            await upgraded.EnsureSchemaAsync(CancellationToken.None);
            var after = Run("live", Now.AddMinutes(1), Check("core", CheckTier.P0, HealthStatus.Unhealthy, "unreachable"), Check("feed", CheckTier.P1, HealthStatus.Unhealthy) with { DependsOn = ["core"], BlockedBy = ["core"] });
            await upgraded.SaveRunAsync(after, CancellationToken.None);

            var old = await upgraded.FindRunAsync(before.RunId, CancellationToken.None);
            var fresh = await upgraded.FindRunAsync(after.RunId, CancellationToken.None);
            Assert.Empty(Assert.Single(old!.Checks).DependsOn);
            Assert.Equal(["core"], fresh!.Checks[1].BlockedBy);
        }
        finally
        {
            if (upgraded is IAsyncDisposable d)
            {
                await d.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task RunWithoutChecksReadsBack()
    {
        var run = Run("paper", Now);

        await Store.SaveRunAsync(run, CancellationToken.None);

        var read = await Store.FindRunAsync(run.RunId, CancellationToken.None);
        Assert.NotNull(read);
        Assert.Empty(read.Checks);
        Assert.Equal(0, read.Summary.Total);
    }

    [Fact]
    public async Task UnknownRunIsNull() => Assert.Null(await Store.FindRunAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", CancellationToken.None));

    [Fact]
    public async Task RunsAreListedNewestFirstWithinLimitAndMode()
    {
        var runs = Enumerable.Range(0, 5).Select(i => Run(i % 2 == 0 ? "live" : "paper", Now.AddMinutes(i), Check("core", CheckTier.P0, HealthStatus.Healthy))).ToList();
        foreach (var run in runs.OrderBy(_ => Guid.NewGuid()))
        {
            await Store.SaveRunAsync(run, CancellationToken.None);
        }

        var all = await Store.ListRunsAsync(null, 10, CancellationToken.None);
        var live = await Store.ListRunsAsync("live", 2, CancellationToken.None);

        Assert.Equal(runs.Select(r => r.RunId).Reverse(), all.Select(r => r.RunId));
        Assert.All(all, r => Assert.Single(r.Checks));
        Assert.Equal([runs[4].RunId, runs[2].RunId], live.Select(r => r.RunId));
    }

    [Fact]
    public async Task RunsBeforeACursorPageOnNewestFirstAcrossOneMillisecond()
    {
        // Three runs share a millisecond: the page after the first of them must hold the other two, no more, no less.
        var starts = new[] { Now, Now.AddMinutes(1), Now.AddMinutes(2), Now.AddMinutes(2), Now.AddMinutes(2), Now.AddMinutes(3) };
        var runs = starts.Select((at, i) => Run(i == 1 ? "paper" : "live", at, Check("core", CheckTier.P0, HealthStatus.Healthy))).ToList();
        foreach (var run in runs)
        {
            await Store.SaveRunAsync(run, CancellationToken.None);
        }

        var newest = (await Store.ListRunsAsync(null, 10, CancellationToken.None)).Select(r => r.RunId).ToList();
        var pages = new List<string>();
        var cursor = await Store.FindRunAsync(newest[0], CancellationToken.None);
        while (cursor is not null)
        {
            var page = await Store.ListRunsBeforeAsync(null, cursor, 2, CancellationToken.None);
            pages.AddRange(page.Select(r => r.RunId));
            cursor = page.Count == 0 ? null : page[^1];
        }

        var live = await Store.ListRunsBeforeAsync("live", (await Store.FindRunAsync(newest[1], CancellationToken.None))!, 10, CancellationToken.None);

        Assert.Equal(newest.Skip(1), pages);
        Assert.Equal(newest.Skip(2).Where(id => id != runs[1].RunId), live.Select(r => r.RunId));
        Assert.All(live, r => Assert.Single(r.Checks));
    }

    [Fact]
    public async Task PruneDeletesExactlyTheExpiredRunsWithTheirChecksInBatches()
    {
        var expired = Enumerable.Range(0, 20).Select(i => Run("live", Now.AddDays(-30).AddMinutes(i), Check("core", CheckTier.P0, HealthStatus.Healthy), Check("feed", CheckTier.P1, HealthStatus.Healthy))).ToList();
        var kept = Enumerable.Range(0, 3).Select(i => Run("live", Now.AddMinutes(-i), Check("core", CheckTier.P0, HealthStatus.Healthy))).ToList();
        foreach (var run in expired.Concat(kept))
        {
            await Store.SaveRunAsync(run, CancellationToken.None);
        }

        await Store.AppendAsync(Override() with { RunId = expired[0].RunId }, CancellationToken.None);
        var store = (SqlGateStore)Store;
        var batches = new List<int>();
        store.PruneBatchSize = 7;
        store.PrunePause = TimeSpan.Zero;
        store.BatchPruned = batches.Add;

        var pruned = await Store.PruneRunsAsync(Now.AddDays(-1), CancellationToken.None);

        Assert.Equal(20, pruned);
        Assert.Equal([7, 7, 6], batches);
        Assert.Equal(kept.Select(r => r.RunId), (await Store.ListRunsAsync(null, 100, CancellationToken.None)).Select(r => r.RunId));
        Assert.Equal(3, await CountAsync("SELECT COUNT(*) FROM healthgate_run_checks"));
        Assert.Single(await ReadAllAsync());
        Assert.Equal(0, await Store.PruneRunsAsync(Now.AddDays(-1), CancellationToken.None));
    }

    [Fact]
    public async Task PruneGoesOnFromWhereTheLastBatchEndedAndMissesNoRunThatSharedItsStart()
    {
        // Each batch starts at the last one's start (not the index's beginning): runs of one instant split over two
        // batches must all go, and the oldest runs of the next instant too.
        var at = Now.AddDays(-30);
        var tied = Enumerable.Range(0, 5).Select(_ => Run("live", at, Check("core", CheckTier.P0, HealthStatus.Healthy))).ToList();
        var later = Enumerable.Range(0, 4).Select(i => Run("paper", at.AddSeconds(1 + (i / 2)), Check("core", CheckTier.P0, HealthStatus.Healthy))).ToList();
        var kept = Run("live", Now, Check("core", CheckTier.P0, HealthStatus.Healthy));
        foreach (var run in tied.Concat(later).Append(kept))
        {
            await Store.SaveRunAsync(run, CancellationToken.None);
        }

        var store = (SqlGateStore)Store;
        var batches = new List<int>();
        store.PruneBatchSize = 3;
        store.PrunePause = TimeSpan.Zero;
        store.BatchPruned = batches.Add;

        Assert.Equal(9, await Store.PruneRunsAsync(Now.AddDays(-1), CancellationToken.None));
        Assert.Equal([3, 3, 3], batches);
        Assert.Equal([kept.RunId], (await Store.ListRunsAsync(null, 100, CancellationToken.None)).Select(r => r.RunId));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM healthgate_run_checks"));
    }

    [Fact]
    public async Task AppendedEntryReadsBackSealedOnTheChainWithItsMillisecondTimestamp()
    {
        var entry = Override() with { RunId = "01ARZ3NDEKTSV4RRFFQ69G5FAV", Verdict = "P1_FAIL", ExitCode = 2, Failures = [new("feed", "P1", "unreachable")] };

        var stored = await Store.AppendAsync(entry, CancellationToken.None);
        var read = Assert.Single(await ReadAllAsync());

        Assert.Equal(1, stored.Seq);
        Assert.Equal(Now, stored.At);
        Assert.Equal(OpLogChain.Genesis, stored.PrevHash);
        Assert.Equal(OpLogChain.HashOf(stored), stored.Hash);
        Assert.Null(stored.Signature);
        Assert.Equal(ToJson(stored), ToJson(read));
        Assert.Equal("olga", read.Who!.Id);
        Assert.Equal("unreachable", Assert.Single(read.Failures).Reason);
    }

    [Fact]
    public async Task EntryWithoutOptionalFieldsReadsBackWithNulls()
    {
        await Store.AppendAsync(new OpLogRecord { Kind = OpLogEvents.PreflightFailure, Mode = "live", Decision = OpLogEvents.Abort }, CancellationToken.None);

        var read = Assert.Single(await ReadAllAsync());

        Assert.Null(read.Who);
        Assert.Null(read.ExitCode);
        Assert.Null(read.OverrideId);
        Assert.Empty(read.Failures);
        Assert.True(OpLogChain.Verify([read]).IsIntact);
    }

    [Fact]
    public async Task EntriesAreReadInChainOrderByKindCursorPeriodAndRun()
    {
        var first = await Store.AppendAsync(Override(OverrideRequest.ForceStart, "live", "one") with { RunId = "run-a" }, CancellationToken.None);
        Clock.Now = Now.AddHours(1);
        var failure = await Store.AppendAsync(new OpLogRecord { Kind = OpLogEvents.PreflightFailure, Mode = "live", Decision = OpLogEvents.Abort, RunId = "run-a" }, CancellationToken.None);
        Clock.Now = Now.AddHours(2);
        var third = await Store.AppendAsync(Override(reason: "three"), CancellationToken.None);

        Assert.Equal(new long[] { 1, 3 }, await SeqsAsync(new OpLogQuery(10) { Kinds = [OpLogEvents.OverrideRequested] }));
        Assert.Equal(new long[] { 3 }, await SeqsAsync(new OpLogQuery(10) { Kinds = [OpLogEvents.OverrideRequested], NewestFirst = true } with { Limit = 1 }));
        Assert.Equal(new long[] { 2, 3 }, await SeqsAsync(new OpLogQuery(10) { AfterSeq = first.Seq }));
        Assert.Equal(new long[] { 2, 1 }, await SeqsAsync(new OpLogQuery(10) { BeforeSeq = third.Seq, NewestFirst = true }));
        Assert.Equal(new long[] { 2 }, await SeqsAsync(new OpLogQuery(10) { From = failure.At, To = third.At }));
        Assert.Equal(new long[] { 1, 2 }, await SeqsAsync(new OpLogQuery(10) { RunId = "run-a" }));
    }

    [Fact]
    public async Task ConcurrentAppendsFormOneUnbrokenChain()
    {
        var stored = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.AppendAsync(Override(reason: $"r{i}"), CancellationToken.None)));

        var all = await ReadAllAsync();

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stored.Select(e => e.Seq).Order());
        var verified = OpLogChain.Verify(all);
        Assert.True(verified.IsIntact, verified.Problem);
        Assert.Equal(20, verified.Count);
        Assert.Equal(all[^1].Hash, verified.Head);
    }

    [Fact]
    public async Task PruningRemovesOldRunsWithTheirChecksButNeverTheOperationalLog()
    {
        var old = Run("live", Now.AddDays(-40), Check("feed", CheckTier.P1, HealthStatus.Unhealthy, "unreachable"));
        var recent = Run("live", Now.AddDays(-1), Check("core", CheckTier.P0, HealthStatus.Healthy));
        await Store.SaveRunAsync(old, CancellationToken.None);
        await Store.SaveRunAsync(recent, CancellationToken.None);
        await Store.AppendAsync(Override(OverrideRequest.ForceStart, "live") with { RunId = old.RunId }, CancellationToken.None);
        Clock.Now = Now.AddDays(-50);
        await Store.AppendAsync(new OpLogRecord { Kind = OpLogEvents.PreflightFailure, Mode = "live", RunId = old.RunId, Decision = OpLogEvents.Abort }, CancellationToken.None);

        var pruned = await Store.PruneRunsAsync(Now.AddDays(-30), CancellationToken.None);

        Assert.Equal(1, pruned);
        Assert.Null(await Store.FindRunAsync(old.RunId, CancellationToken.None));
        Assert.NotNull(await Store.FindRunAsync(recent.RunId, CancellationToken.None));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM healthgate_run_checks WHERE run_id = '{old.RunId}'"));
        Assert.Equal(2, (await ReadAllAsync()).Count);
    }

    [Theory]
    [InlineData("UPDATE healthgate_oplog SET reason = 'rewritten'")]
    [InlineData("DELETE FROM healthgate_oplog")]
    [InlineData("UPDATE healthgate_override_approvals SET role = 'cto'")]
    [InlineData("DELETE FROM healthgate_override_approvals")]
    public async Task TheDatabaseRefusesToChangeTheOperationalLogOrADecision(string sql)
    {
        var (created, _) = await Store.CreateOverrideAsync(Draft(), Override(), CancellationToken.None);
        await Store.ChangeOverrideAsync(created.Id, o => Approve(o!, "jane", "risk-manager"), CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("maintenance", (await ReadAllAsync())[0].Reason);
        Assert.Single((await Store.FindOverrideAsync(created.Id, CancellationToken.None))!.Approvals);
    }

    [Theory]
    [InlineData("change")]
    [InlineData("delete")]
    [InlineData("reorder")]
    [InlineData("rehash")]
    public async Task TamperingWithRowsIsNamedByTheChainAtTheFirstEntryItBreaks(string tampering)
    {
        var signed = CreateStore(SigningKey);
        await signed.EnsureSchemaAsync(CancellationToken.None);
        for (var i = 1; i <= 5; i++)
        {
            await signed.AppendAsync(Override(reason: $"r{i}"), CancellationToken.None);
        }

        await DisposeStoreAsync(signed);
        Assert.True(OpLogChain.Verify(await ReadAllAsync(), SigningKey).IsIntact);
        await DisableAppendOnlyAsync();
        switch (tampering)
        {
            case "change":
                await ExecuteAsync("UPDATE healthgate_oplog SET reason = 'nothing to see' WHERE seq = 3");
                break;
            case "delete":
                await ExecuteAsync("DELETE FROM healthgate_oplog WHERE seq = 3");
                break;
            case "reorder":
                // Swap the content of entries 3 and 4, each keeping its seq: the order of events is what changed.
                await ExecuteAsync("UPDATE healthgate_oplog SET seq = 100 WHERE seq = 3");
                await ExecuteAsync("UPDATE healthgate_oplog SET seq = 3 WHERE seq = 4");
                await ExecuteAsync("UPDATE healthgate_oplog SET seq = 4 WHERE seq = 100");
                break;
            default:
                // Whoever can write the table can recompute plain hashes; without the signing key they cannot re-sign.
                await ExecuteAsync("UPDATE healthgate_oplog SET reason = 'nothing to see' WHERE seq = 3");
                var all = await ReadAllAsync();
                var previous = all[1].Hash;
                foreach (var entry in all.Skip(2))
                {
                    var resealed = OpLogChain.Seal(entry with { PrevHash = previous }, signingKey: null);
                    await ExecuteAsync($"UPDATE healthgate_oplog SET prev_hash = '{resealed.PrevHash}', hash = '{resealed.Hash}' WHERE seq = {entry.Seq}");
                    previous = resealed.Hash;
                }

                break;
        }

        var verified = OpLogChain.Verify(await ReadAllAsync(), SigningKey);

        Assert.False(verified.IsIntact);
        Assert.Equal(3, verified.BrokenAt);
        Assert.Equal(2, verified.Count);
        Assert.Contains("entry 3", verified.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASigningKeySignsEveryEntryAndOnlyThatKeyVerifiesThem()
    {
        var key = "a signing key of at least thirty-two bytes"u8.ToArray();
        var signed = CreateStore(key);
        await signed.EnsureSchemaAsync(CancellationToken.None);
        await signed.AppendAsync(Override(), CancellationToken.None);
        await signed.AppendAsync(Override(reason: "two"), CancellationToken.None);

        var all = await ReadAllAsync();

        Assert.All(all, e => Assert.Equal(OpLogChain.Sign(e.Hash, key), e.Signature));
        Assert.True(OpLogChain.Verify(all, key).IsIntact);
        Assert.False(OpLogChain.Verify(all, "another key of at least thirty-two bytes!"u8.ToArray()).IsIntact);
        await DisposeStoreAsync(signed);
    }

    [Fact]
    public async Task AnOverrideAndItsDecisionsAreWrittenWithTheirEntriesInOneTransaction()
    {
        var (created, entry) = await Store.CreateOverrideAsync(Draft(), Override(OverrideRequest.ForceStart, "live"), CancellationToken.None);
        var approved = await Store.ChangeOverrideAsync(created.Id, o => Approve(o!, "jane", "risk-manager"), CancellationToken.None);
        var refused = await Store.ChangeOverrideAsync(created.Id, o => new OverrideChange<string>("refused"), CancellationToken.None);
        var missing = await Store.ChangeOverrideAsync(created.Id + 1000, o => new OverrideChange<string>(o is null ? "none" : "found"), CancellationToken.None);

        var read = await Store.FindOverrideAsync(created.Id, CancellationToken.None);
        var log = await ReadAllAsync();

        Assert.Equal(created.Id, entry.OverrideId);
        Assert.Equal("approved", approved);
        Assert.Equal("refused", refused);
        Assert.Equal("none", missing);
        Assert.Equal(OverrideStates.Approved, read!.State);
        Assert.Equal("jane", Assert.Single(read.Approvals).Person.Id);
        Assert.Equal(["cto"], read.Awaiting);
        Assert.Equal([OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided], log.Select(e => e.Kind));
        Assert.All(log, e => Assert.Equal(created.Id, e.OverrideId));
        Assert.Equal([created.Id], (await Store.ListOverridesAsync(OverrideStates.Approved, null, 10, CancellationToken.None)).Select(o => o.Id));
        Assert.Empty(await Store.ListOverridesAsync(OverrideStates.Pending, null, 10, CancellationToken.None));
    }

    [Fact]
    public async Task OnePersonDecidesOnceAndOneRoleIsFilledOnceEvenPastTheRules()
    {
        var (created, _) = await Store.CreateOverrideAsync(Draft(), Override(), CancellationToken.None);
        await Store.ChangeOverrideAsync(created.Id, o => Approve(o!, "jane", "risk-manager"), CancellationToken.None);

        // A bug in the rules that let the same person or the same role through would still hit the keys.
        await Assert.ThrowsAnyAsync<DbException>(() => Store.ChangeOverrideAsync(created.Id, o => Approve(o!, "jane", "cto"), CancellationToken.None));
        await Assert.ThrowsAnyAsync<DbException>(() => Store.ChangeOverrideAsync(created.Id, o => Approve(o!, "bob", "risk-manager"), CancellationToken.None));

        Assert.Single((await Store.FindOverrideAsync(created.Id, CancellationToken.None))!.Approvals);
        Assert.Equal(2, (await ReadAllAsync()).Count);
        Assert.True(OpLogChain.Verify(await ReadAllAsync()).IsIntact);
    }

    [Fact]
    public async Task DecisionsGivenInOneMillisecondReadBackInTheOrderGiven()
    {
        var (created, _) = await Store.CreateOverrideAsync(Draft(), Override(), CancellationToken.None);

        // "zed" sorts after "amy": only the order of the decisions puts zed first.
        await Store.ChangeOverrideAsync(created.Id, o => Approve(o!, "zed", "risk-manager"), CancellationToken.None);
        await Store.ChangeOverrideAsync(created.Id, o => Approve(o!, "amy", "cto"), CancellationToken.None);

        var read = await Store.FindOverrideAsync(created.Id, CancellationToken.None);
        Assert.Equal(["zed", "amy"], read!.Approvals.Select(a => a.Person.Id));
    }

    [Fact]
    public async Task OverridesPastTheirWindowAreListedForExpiry()
    {
        var (due, _) = await Store.CreateOverrideAsync(Draft() with { ExpiresAt = Now.AddMinutes(-1) }, Override(), CancellationToken.None);
        await Store.CreateOverrideAsync(Draft() with { ExpiresAt = Now.AddMinutes(10) }, Override(), CancellationToken.None);

        Assert.Equal([due.Id], (await Store.ListExpiredAsync(Now, CancellationToken.None)).Select(o => o.Id));
    }

    [Fact]
    public async Task TheLogKeptBeforeTheChainIsCopiedIntoItOnceNamingTypedNamesForWhatTheyWere()
    {
        await ExecuteAsync(
            "INSERT INTO healthgate_op_log (recorded_at, kind, mode, run_id, verdict, exit_code, failures, decision, operator_name, approvers, ticket, reason, api_key_name) "
            + $"VALUES ({LegacyTime}, 'force_start', 'live', 'run-x', 'P1_FAIL', 2, '[]', 'proceed', 'olga', '[\"anna\",\"bert\"]', 'CHG-9', 'feed down', 'ops')");

        var reopened = CreateStore();
        await reopened.EnsureSchemaAsync(CancellationToken.None);
        await reopened.EnsureSchemaAsync(CancellationToken.None);
        var migrated = Assert.Single(await ReadAllAsync());

        Assert.Equal(OpLogEvents.OverrideRequested, migrated.Kind);
        Assert.Equal(OverrideRequest.ForceStart, migrated.OverrideKind);
        Assert.Equal("ops", migrated.Who!.Id);
        Assert.Equal(Actor.Service, migrated.Who.Kind);
        Assert.Contains("operator 'olga', approvers 'anna, bert' were typed", migrated.Comment, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2025, 11, 15, 9, 15, 22, TimeSpan.Zero), migrated.At);
        Assert.True(OpLogChain.Verify([migrated]).IsIntact);
        await DisposeStoreAsync(reopened);
    }

    [Fact]
    public async Task SchemaCreationIsIdempotentAndKeepsData()
    {
        await Store.AppendAsync(Override(), CancellationToken.None);

        await Store.EnsureSchemaAsync(CancellationToken.None);
        var reopened = CreateStore();
        await reopened.EnsureSchemaAsync(CancellationToken.None);

        Assert.Single(await reopened.ReadEntriesAsync(new OpLogQuery(10), CancellationToken.None));
        await DisposeStoreAsync(reopened);
    }

    [Fact]
    public async Task TheWriteProbeKeepsOneRowRewrittenAtEachProbe()
    {
        await Store.ProbeWriteAsync(CancellationToken.None);
        Clock.Now = Now.AddMinutes(1);
        await Store.ProbeWriteAsync(CancellationToken.None);

        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM healthgate_store_probe"));
    }

    /// <summary>Creates whatever the store needs (a directory, a database schema) before the first store.</summary>
    protected abstract Task PrepareAsync();

    /// <summary>A store on the same database, of the default desk or of <paramref name="desk"/>.</summary>
    internal abstract IGateStore CreateStore(byte[]? signingKey = null, string desk = DeskOptions.DefaultName);

    /// <summary>The legacy table's timestamp for 2025-11-15 09:15:22 UTC as the provider writes it (a SQL literal).</summary>
    protected abstract string LegacyTime { get; }

    /// <summary>Removes the append-only triggers, as someone with the database's owner rights could.</summary>
    protected abstract Task DisableAppendOnlyAsync();

    /// <summary>The desk's signing key in the tampering tests: the tamperer has the database, not this.</summary>
    private static byte[] SigningKey => "the desk's signing key, kept outside the store"u8.ToArray();

    private async Task<IReadOnlyList<OpLogRecord>> ReadAllAsync() =>
        await Store.ReadEntriesAsync(new OpLogQuery(10_000), CancellationToken.None);

    private async Task<long[]> SeqsAsync(OpLogQuery query) =>
        [.. (await Store.ReadEntriesAsync(query, CancellationToken.None)).Select(e => e.Seq)];

    private static async Task DisposeStoreAsync(IGateStore store)
    {
        if (store is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }
    }

    private static OverrideRecord Draft() => new()
    {
        Kind = OverrideRequest.ForceStart,
        Mode = "live",
        RunId = "run-a",
        ConfigHash = "cfg",
        State = OverrideStates.Pending,
        RequestedBy = new Actor("olga", "Olga Ivanova", Actor.Person),
        RequestedAt = Now,
        ExpiresAt = Now.AddMinutes(30),
        Reason = "feed down",
        Required = ["risk-manager", "cto"],
        Awaiting = ["risk-manager", "cto"],
    };

    /// <summary>A change written as given, whatever the rules would say: the store's own guarantees are under test.</summary>
    private OverrideChange<string> Approve(OverrideRecord current, string person, string role)
    {
        var approval = new ApprovalRecord(new Actor(person, person, Actor.Person), role, OpLogEvents.Approve, null, Clock.GetUtcNow());
        var updated = current with { State = OverrideStates.Approved };
        return new OverrideChange<string>("approved", updated, approval)
        {
            Entries = [new OpLogRecord { Kind = OpLogEvents.OverrideDecided, Mode = "live", Decision = OpLogEvents.Approve, Who = approval.Person, Role = role }],
        };
    }

    /// <summary>Runs SQL on the store's database directly, bypassing the store.</summary>
    protected abstract Task ExecuteAsync(string sql);

    protected abstract Task<long> CountAsync(string sql);
}
