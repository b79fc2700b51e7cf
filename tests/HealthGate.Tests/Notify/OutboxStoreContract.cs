using HealthGate.Storage;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Notify;

/// <summary>
/// The notification state and outbox on a real store, two replicas (two store instances) of one desk racing: a
/// transition is written once, a message claimed by one replica only, each target's messages in order.
/// </summary>
public abstract class OutboxStoreContract : IAsyncLifetime
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));

    internal abstract SqlGateStore CreateStore(string desk = "emea");

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private async Task<(SqlGateStore A, SqlGateStore B)> ReplicasAsync()
    {
        var a = CreateStore();
        await a.EnsureSchemaAsync(CancellationToken.None);
        var b = CreateStore();
        await b.EnsureSchemaAsync(CancellationToken.None);
        return (a, b);
    }

    private NotifyStateRow Open(long version) => new("check:db", true, version, Clock.GetUtcNow(), Clock.GetUtcNow(), "{}");

    [Fact]
    public async Task TwoReplicasSeeingOneTransitionWriteItAndItsMessagesOnce()
    {
        var (a, b) = await ReplicasAsync();
        OutboxEntry[] entries = [new("pd", "k/1/trigger", "{}"), new("hook", "k/1/trigger", "{}")];

        var won = await Task.WhenAll(a.AdvanceNotifyStateAsync(0, Open(1), entries, default), b.AdvanceNotifyStateAsync(0, Open(1), entries, default));
        var stale = await b.AdvanceNotifyStateAsync(0, Open(1), entries, default);
        var next = await a.AdvanceNotifyStateAsync(1, Open(2) with { Open = false }, [new("pd", "k/2/resolve", "{}")], default);

        Assert.Equal(1, won.Count(w => w));
        Assert.False(stale);
        Assert.True(next);
        var state = Assert.Single(await b.ReadNotifyStatesAsync(default));
        Assert.Equal(("check:db", false, 2L), (state.Subject, state.Open, state.Version));
        var claimed = await b.ClaimDueAsync(Clock.GetUtcNow(), Clock.GetUtcNow().AddSeconds(30), new HashSet<string>(), default);
        Assert.Equal(["hook:k/1/trigger", "pd:k/1/trigger"], claimed.Select(r => $"{r.Target}:{r.DedupKey}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AMessageIsClaimedByOneReplicaAndATargetsNextWaitsForItsHead()
    {
        var (a, b) = await ReplicasAsync();
        await a.EnqueueAsync([new("pd", "k/1", "{}"), new("pd", "k/2", "{}"), new("pd", "k/1", "{\"again\":1}")], default);
        var now = Clock.GetUtcNow();

        var first = Assert.Single(await a.ClaimDueAsync(now, now.AddSeconds(30), new HashSet<string>(), default));
        var meanwhile = await b.ClaimDueAsync(now, now.AddSeconds(30), new HashSet<string>(), default);
        await a.RetryLaterAsync(first.Id, now.AddSeconds(1), "HTTP 500", default);
        var early = await b.ClaimDueAsync(now.AddMilliseconds(999), now.AddSeconds(30), new HashSet<string>(), default);
        var retried = Assert.Single(await b.ClaimDueAsync(now.AddSeconds(1), now.AddSeconds(31), new HashSet<string>(), default));
        await b.CompleteAsync(retried.Id, now.AddSeconds(1), "delivered", default);
        var second = Assert.Single(await a.ClaimDueAsync(now.AddSeconds(1), now.AddSeconds(31), new HashSet<string>(), default));

        Assert.Equal(("k/1", "{}", 1), (first.DedupKey, first.Payload, first.Attempts));
        Assert.Empty(meanwhile);
        Assert.Empty(early);
        Assert.Equal((first.Id, 2), (retried.Id, retried.Attempts));
        Assert.Equal("k/2", second.DedupKey);
        Assert.Equal(1, await a.PruneOutboxAsync(now.AddSeconds(2), default));
    }

    [Fact]
    public async Task AnotherDeskSeesNoneOfTheStateOrMessages()
    {
        var (a, _) = await ReplicasAsync();
        await a.AdvanceNotifyStateAsync(0, Open(1), [new("pd", "k/1", "{}")], default);
        var asia = CreateStore("asia");
        await asia.EnsureSchemaAsync(default);

        Assert.Empty(await asia.ReadNotifyStatesAsync(default));
        Assert.Empty(await asia.ClaimDueAsync(Clock.GetUtcNow(), Clock.GetUtcNow().AddSeconds(30), new HashSet<string>(), default));
        Assert.True(await asia.AdvanceNotifyStateAsync(0, Open(1), [new("pd", "k/1", "{}")], default));
    }
}
