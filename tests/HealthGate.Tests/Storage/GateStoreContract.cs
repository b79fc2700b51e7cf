using System.Data.Common;
using HealthGate.Checks;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Tests.Storage.TestRuns;

namespace HealthGate.Tests.Storage;

/// <summary>What every store must do, run against each real provider by a derived class.</summary>
public abstract class GateStoreContract : IAsyncLifetime
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
    public async Task AppendedEntryReadsBackWithItsIdAndMillisecondTimestamp()
    {
        var entry = Override() with { RunId = "01ARZ3NDEKTSV4RRFFQ69G5FAV", Verdict = "P1_FAIL", ExitCode = 2, Failures = [new("feed", "P1", "unreachable")] };

        var stored = await Store.AppendAsync(entry, CancellationToken.None);
        var read = await Store.FindEntryAsync(stored.Id, CancellationToken.None);

        Assert.True(stored.Id > 0);
        Assert.Equal(Now, stored.Timestamp);
        Assert.Equal(ToJson(stored), ToJson(read));
        Assert.Equal(["anna", "bert"], read!.Approvers);
        Assert.Equal("unreachable", Assert.Single(read.Failures).Reason);
    }

    [Fact]
    public async Task EntryWithoutOptionalFieldsReadsBackWithNulls()
    {
        var stored = await Store.AppendAsync(new OpLogEntry { Kind = OpLogKinds.PreflightFailure, Mode = "live", Decision = OpLogDecisions.Abort }, CancellationToken.None);

        var read = await Store.FindEntryAsync(stored.Id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Null(read.Operator);
        Assert.Null(read.ExitCode);
        Assert.Empty(read.Approvers);
        Assert.Null(await Store.FindEntryAsync(stored.Id + 1000, CancellationToken.None));
    }

    [Fact]
    public async Task EntriesAreListedNewestFirstOfTheRequestedKinds()
    {
        var first = await Store.AppendAsync(Override(OpLogKinds.ForceStart, "live", "one"), CancellationToken.None);
        await Store.AppendAsync(new OpLogEntry { Kind = OpLogKinds.PreflightFailure, Mode = "live", Decision = OpLogDecisions.Abort }, CancellationToken.None);
        var third = await Store.AppendAsync(Override(reason: "three"), CancellationToken.None);

        var overrides = await Store.ListEntriesAsync(OpLogKinds.Overrides, 10, CancellationToken.None);
        var latest = await Store.ListEntriesAsync(OpLogKinds.Overrides, 1, CancellationToken.None);

        Assert.Equal([third.Id, first.Id], overrides.Select(e => e.Id));
        Assert.Equal(third.Id, Assert.Single(latest).Id);
    }

    [Fact]
    public async Task ConcurrentAppendsAreAllKeptWithDistinctIds()
    {
        var stored = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Store.AppendAsync(Override(reason: $"r{i}"), CancellationToken.None)));

        var listed = await Store.ListEntriesAsync(OpLogKinds.Overrides, 100, CancellationToken.None);

        Assert.Equal(20, stored.Select(e => e.Id).Distinct().Count());
        Assert.Equal(stored.Select(e => e.Id).Order(), listed.Select(e => e.Id).Order());
    }

    [Fact]
    public async Task PruningRemovesOldRunsWithTheirChecksButNeverTheOperationalLog()
    {
        var old = Run("live", Now.AddDays(-40), Check("feed", CheckTier.P1, HealthStatus.Unhealthy, "unreachable"));
        var recent = Run("live", Now.AddDays(-1), Check("core", CheckTier.P0, HealthStatus.Healthy));
        await Store.SaveRunAsync(old, CancellationToken.None);
        await Store.SaveRunAsync(recent, CancellationToken.None);
        var entry = await Store.AppendAsync(Override(OpLogKinds.ForceStart, "live") with { RunId = old.RunId }, CancellationToken.None);
        Clock.Now = Now.AddDays(-50);
        var ancient = await Store.AppendAsync(new OpLogEntry { Kind = OpLogKinds.PreflightFailure, Mode = "live", RunId = old.RunId, Decision = OpLogDecisions.Abort }, CancellationToken.None);

        var pruned = await Store.PruneRunsAsync(Now.AddDays(-30), CancellationToken.None);

        Assert.Equal(1, pruned);
        Assert.Null(await Store.FindRunAsync(old.RunId, CancellationToken.None));
        Assert.NotNull(await Store.FindRunAsync(recent.RunId, CancellationToken.None));
        Assert.Equal(0, await CountAsync($"SELECT COUNT(*) FROM healthgate_run_checks WHERE run_id = '{old.RunId}'"));
        Assert.NotNull(await Store.FindEntryAsync(entry.Id, CancellationToken.None));
        Assert.NotNull(await Store.FindEntryAsync(ancient.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData("UPDATE healthgate_op_log SET reason = 'rewritten'")]
    [InlineData("DELETE FROM healthgate_op_log")]
    public async Task TheDatabaseRefusesToChangeTheOperationalLog(string sql)
    {
        var entry = await Store.AppendAsync(Override(), CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("maintenance", (await Store.FindEntryAsync(entry.Id, CancellationToken.None))!.Reason);
    }

    [Fact]
    public async Task SchemaCreationIsIdempotentAndKeepsData()
    {
        var entry = await Store.AppendAsync(Override(), CancellationToken.None);

        await Store.EnsureSchemaAsync(CancellationToken.None);
        var reopened = CreateStore();
        await reopened.EnsureSchemaAsync(CancellationToken.None);

        Assert.NotNull(await reopened.FindEntryAsync(entry.Id, CancellationToken.None));
        if (reopened is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }
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

    internal abstract IGateStore CreateStore();

    /// <summary>Runs SQL on the store's database directly, bypassing the store.</summary>
    protected abstract Task ExecuteAsync(string sql);

    protected abstract Task<long> CountAsync(string sql);
}
