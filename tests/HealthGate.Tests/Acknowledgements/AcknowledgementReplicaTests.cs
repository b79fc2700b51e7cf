using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HealthGate.Acknowledgements;
using HealthGate.Dashboard;
using HealthGate.Replication;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Overrides;
using HealthGate.Tests.Replication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace HealthGate.Tests.Acknowledgements;

/// <summary>
/// Two replicas, each a whole service, on one real PostgreSQL database: an acknowledgement made on one is in the
/// other's book, <c>/acknowledgements</c>, <c>/checks</c> and <c>/events</c> within 1 s, and one replica started after it
/// reads it from the store, as does one whose listener was cut, when it listens again.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AcknowledgementReplicaTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Visible = TimeSpan.FromSeconds(1);

    private readonly HttpStandIn _standIn = new();

    public Task InitializeAsync() => _standIn.InitializeAsync();

    public Task DisposeAsync() => _standIn.DisposeAsync();

    [Fact]
    public async Task AnAcknowledgementOnOneReplicaIsOnTheOtherWithinOneSecond()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = PostgresReplicas.Start(_standIn, database);
        await using var b = PostgresReplicas.Start(_standIn, database);
        await PostgresReplicas.WaitListeningAsync(a);
        await PostgresReplicas.WaitListeningAsync(b);
        var book = b.Services.GetRequiredService<AcknowledgementBook>();
        using var stream = await EventStream.OpenAsync(b.Client);

        using var response = await AcknowledgementsApiTests.PostAsync(a, "feed", """{"minutes":20,"reason":"venue maintenance"}""", "olga");
        var answered = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var made = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var until = made.GetProperty("until").GetDateTimeOffset();

        var data = await EventStream.NextAsync(stream, DashboardEvent.Acknowledgement);
        var delay = answered.Elapsed;
        Assert.True(delay < Visible, $"the acknowledgement reached the other replica's /events after {delay.TotalMilliseconds} ms");
        var evented = JsonDocument.Parse(data).RootElement;
        Assert.Equal(("feed", "olga", until), (evented.GetProperty("check").GetString(), evented.GetProperty("by").GetString(), evented.GetProperty("until").GetDateTimeOffset()));
        Assert.True(book.IsAcknowledged("feed", DateTimeOffset.UtcNow));
        var listed = Assert.Single((await b.GetJsonAsync("/acknowledgements")).EnumerateArray());
        Assert.Equal(made.GetProperty("id").GetInt64(), listed.GetProperty("id").GetInt64());
        var feed = (await b.GetJsonAsync("/checks")).EnumerateArray().Single(c => c.GetProperty("name").GetString() == "feed");
        Assert.Equal(until, feed.GetProperty("acknowledgedUntil").GetDateTimeOffset());
        Assert.Equal("Olga Ivanova", feed.GetProperty("acknowledgedBy").GetProperty("name").GetString());

        // One log for the desk: the entry is on the chain both replicas read.
        var log = await OpLogReader.ReadAllAsync(b.Client);
        OpLogReader.AssertIntact(log);
        Assert.Single(log, e => e.Kind == OpLogEvents.CheckAcknowledged);
    }

    [Fact]
    public async Task AReplicaStartedLaterReadsTheAcknowledgementsInForceFromTheStore()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = PostgresReplicas.Start(_standIn, database);
        using var response = await AcknowledgementsApiTests.PostAsync(a, "core", """{"minutes":20,"reason":"disk swap"}""", "bob");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        await using var b = PostgresReplicas.Start(_standIn, database);

        var listed = Assert.Single((await b.GetJsonAsync("/acknowledgements")).EnumerateArray());
        Assert.Equal(("core", "bob"), (listed.GetProperty("check").GetString(), listed.GetProperty("by").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AReplicaWhoseListenerWasCutHasTheAcknowledgementMadeMeanwhileOnceItListensAgain()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = PostgresReplicas.Start(_standIn, database);
        // B's clock is held: once its listener is cut it stays disconnected until the clock moves.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var b = PostgresReplicas.Start(_standIn, database, services => services.AddSingleton<TimeProvider>(clock));
        var listener = await PostgresReplicas.WaitListeningAsync(b);
        var book = b.Services.GetRequiredService<AcknowledgementBook>();
        await PostgresReplicas.TerminateAsync(database, listener.ListenerPid!.Value);
        await PostgresReplicas.WaitAsync(() => Task.FromResult(listener.ListenerPid is null), "B noticed its listener was cut");

        using var response = await AcknowledgementsApiTests.PostAsync(a, "feed", """{"minutes":20,"reason":"venue maintenance"}""", "jane");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(book.IsAcknowledged("feed", clock.GetUtcNow()));

        await PostgresReplicas.WaitAsync(
            () =>
            {
                clock.Advance(ReplicaListener.FirstRetry);
                return Task.FromResult(book.IsAcknowledged("feed", clock.GetUtcNow()));
            },
            "B read the acknowledgement when it caught up");
        Assert.Equal("jane", book.Find("feed", clock.GetUtcNow())!.By.Id);
    }
}
