using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HealthGate.Dashboard;
using HealthGate.Replication;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Overrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace HealthGate.Tests.Replication;

/// <summary>
/// Two replicas, each a whole service, on one real PostgreSQL database: what one records shows on the other's
/// <c>/checks</c>, check history and <c>/events</c> within 1 s, and a replica whose listener was cut catches up.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReplicaStateTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Visible = TimeSpan.FromSeconds(1);

    private readonly HttpStandIn _standIn = new();

    public Task InitializeAsync() => _standIn.InitializeAsync();

    public Task DisposeAsync() => _standIn.DisposeAsync();

    [Fact]
    public async Task AP1FailOnOneReplicaShowsOnTheOthersChecksHistoryAndEventsWithinOneSecond()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = PostgresReplicas.Start(_standIn, database);
        await using var b = PostgresReplicas.Start(_standIn, database);
        await PostgresReplicas.WaitListeningAsync(a);
        await PostgresReplicas.WaitListeningAsync(b);
        await b.RunAsync("PASS");
        Assert.Equal("Healthy", await LatestStatusAsync(b, "feed"));
        using var stream = await EventStream.OpenAsync(b.Client);

        var runId = await a.RunAsync("P1_FAIL");
        var answered = Stopwatch.StartNew();

        var run = await EventStream.NextAsync(stream, DashboardEvent.Run, data => data.Contains(runId, StringComparison.Ordinal));
        var delay = answered.Elapsed;
        Assert.Contains("\"verdict\":\"P1_FAIL\"", run, StringComparison.Ordinal);
        Assert.True(delay < Visible, $"the run reached the other replica's /events after {delay.TotalMilliseconds} ms");
        Assert.Equal("Unhealthy", await LatestStatusAsync(b, "feed"));
        var history = await b.GetJsonAsync("/checks/feed/history?limit=5");
        Assert.Equal(runId, history[0].GetProperty("runId").GetString());
        Assert.Equal("Unhealthy", history[0].GetProperty("status").GetString());
        // Told once: A does not feed its own run back into its own history.
        var own = await a.GetJsonAsync("/checks/feed/history?limit=5");
        Assert.Single(own.EnumerateArray(), e => e.GetProperty("runId").GetString() == runId);
    }

    [Fact]
    public async Task AnOverrideRequestedOnOneReplicaIsAnEventOnTheOther()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = PostgresReplicas.Start(_standIn, database);
        await using var b = PostgresReplicas.Start(_standIn, database);
        await PostgresReplicas.WaitListeningAsync(b);
        using var stream = await EventStream.OpenAsync(b.Client);

        var requested = await a.RequestAsync(GateScenario.Request("skip_health_check", "paper", null), "olga");
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var id = JsonDocument.Parse(await requested.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        var data = await EventStream.NextAsync(stream, DashboardEvent.Override, _ => true);
        Assert.Equal($"{{\"id\":{id},\"state\":\"pending\",\"event\":\"override_requested\"}}", data);
    }

    [Fact]
    public async Task AReplicaWhoseListenerWasCutCatchesUpTheRunsMadeMeanwhile()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = PostgresReplicas.Start(_standIn, database);
        // B's clock is held: once its listener is cut it stays disconnected until the clock moves, so the runs below
        // are made while it cannot hear them.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var b = PostgresReplicas.Start(_standIn, database, services => services.AddSingleton<TimeProvider>(clock));
        var listener = await PostgresReplicas.WaitListeningAsync(b);
        var cut = listener.ListenerPid!.Value;
        await PostgresReplicas.TerminateAsync(database, cut);
        await PostgresReplicas.WaitAsync(() => Task.FromResult(listener.ListenerPid is null), "B noticed its listener was cut");

        string[] made = [await a.RunAsync("P1_FAIL"), await a.RunAsync("PASS"), await a.RunAsync("P2_WARN")];
        var before = await b.GetJsonAsync("/checks/feed/history?limit=20");
        Assert.DoesNotContain(before.EnumerateArray(), e => made.Contains(e.GetProperty("runId").GetString()));

        // The clock moves by the first back-off at each look, so B retries once it has set its timer, whenever that is.
        await PostgresReplicas.WaitAsync(
            async () =>
            {
                clock.Advance(ReplicaListener.FirstRetry);
                return (await b.GetJsonAsync("/checks/feed/history?limit=20")).EnumerateArray().Count(e => made.Contains(e.GetProperty("runId").GetString())) == made.Length;
            },
            "B caught up all three runs");
        Assert.NotEqual(cut, listener.ListenerPid);
        var history = await b.GetJsonAsync("/checks/feed/history?limit=20");
        Assert.Equal(made.Reverse(), history.EnumerateArray().Select(e => e.GetProperty("runId").GetString()).Where(made.Contains));
        Assert.Equal("Healthy", await LatestStatusAsync(b, "feed"));
    }

    private static async Task<string?> LatestStatusAsync(GateScenario replica, string check) =>
        (await replica.GetJsonAsync("/checks")).EnumerateArray().Single(c => c.GetProperty("name").GetString() == check).GetProperty("status").GetString();
}
