using HealthGate.Contracts;
using HealthGate.Storage;
using static HealthGate.Tests.Storage.TestRuns;

namespace HealthGate.Tests.Storage;

/// <summary>Acknowledgements in every store: written with their op-log entry, the newest of a check in force, each desk its own.</summary>
public abstract partial class GateStoreContract
{
    [Fact]
    public async Task AnAcknowledgementIsStoredWithItsEntryOnTheChainAndReadsBack()
    {
        await Store.AppendAsync(Override(reason: "before"), CancellationToken.None);
        var draft = Acknowledgement("feed", Now.AddTicks(777), minutes: 30);

        var (stored, entry) = await Store.CreateAcknowledgementAsync(draft, AcknowledgementEntry(), CancellationToken.None);

        Assert.Equal(2, entry.Seq);
        Assert.Equal((OpLogEvents.CheckAcknowledged, 2L), (entry.Kind, stored.Seq));
        Assert.Equal(Now, stored.At);
        Assert.Equal(Now.AddMinutes(30), stored.Until);
        Assert.Equal(stored, await Store.FindAcknowledgementAsync(stored.Id, CancellationToken.None));
        Assert.Null(await Store.FindAcknowledgementAsync(stored.Id + 1, CancellationToken.None));
        var log = await Store.ReadEntriesAsync(new OpLogQuery(100), CancellationToken.None);
        Assert.True(OpLogChain.Verify(log).IsIntact);
        Assert.Equal((entry.Seq, entry.Hash), (log[^1].Seq, log[^1].Hash));
    }

    [Fact]
    public async Task OnlyTheNewestAcknowledgementOfEachCheckIsInForceUntilItEnds()
    {
        await Store.CreateAcknowledgementAsync(Acknowledgement("feed", Now, minutes: 600), AcknowledgementEntry(), CancellationToken.None);
        var (shorter, _) = await Store.CreateAcknowledgementAsync(Acknowledgement("feed", Now, minutes: 5), AcknowledgementEntry(), CancellationToken.None);
        var (core, _) = await Store.CreateAcknowledgementAsync(Acknowledgement("core", Now, minutes: 60), AcknowledgementEntry(), CancellationToken.None);

        Assert.Equal([shorter, core], await Store.ListCurrentAcknowledgementsAsync(Now.AddMinutes(1), CancellationToken.None));
        Assert.Equal([core], await Store.ListCurrentAcknowledgementsAsync(Now.AddMinutes(5), CancellationToken.None));
        Assert.Empty(await Store.ListCurrentAcknowledgementsAsync(Now.AddMinutes(60), CancellationToken.None));
    }

    [Fact]
    public async Task TwoDesksOnOneDatabaseSeeNothingOfEachOthersAcknowledgements()
    {
        var other = CreateStore(desk: "desk-b");
        try
        {
            await other.EnsureSchemaAsync(CancellationToken.None);
            var (mine, _) = await Store.CreateAcknowledgementAsync(Acknowledgement("feed", Now, minutes: 60), AcknowledgementEntry(), CancellationToken.None);
            var (theirs, entry) = await other.CreateAcknowledgementAsync(Acknowledgement("feed", Now, minutes: 60), AcknowledgementEntry(), CancellationToken.None);

            Assert.Equal((1L, "desk-b"), (entry.Seq, entry.Desk));
            Assert.Equal([mine], await Store.ListCurrentAcknowledgementsAsync(Now, CancellationToken.None));
            Assert.Equal([theirs], await other.ListCurrentAcknowledgementsAsync(Now, CancellationToken.None));
            Assert.Null(await Store.FindAcknowledgementAsync(theirs.Id, CancellationToken.None));
        }
        finally
        {
            await DisposeStoreAsync(other);
        }
    }

    [Theory]
    [InlineData("UPDATE healthgate_acknowledgements SET until_at = at")]
    [InlineData("DELETE FROM healthgate_acknowledgements")]
    public async Task TheDatabaseRefusesToChangeAnAcknowledgement(string sql)
    {
        var (stored, _) = await Store.CreateAcknowledgementAsync(Acknowledgement("feed", Now, minutes: 60), AcknowledgementEntry(), CancellationToken.None);

        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteAsync(sql));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal(stored, await Store.FindAcknowledgementAsync(stored.Id, CancellationToken.None));
    }

    private static AcknowledgementRecord Acknowledgement(string check, DateTimeOffset at, int minutes) => new()
    {
        Check = check,
        By = new Actor("olga", "Olga Ivanova", Actor.Person),
        At = at,
        Until = at.AddMinutes(minutes),
        Reason = "venue maintenance",
    };

    private static OpLogRecord AcknowledgementEntry() => new()
    {
        Kind = OpLogEvents.CheckAcknowledged,
        Mode = "all",
        Decision = OpLogEvents.Silence,
        Who = new Actor("olga", "Olga Ivanova", Actor.Person),
        Reason = "venue maintenance",
    };
}
