using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HealthGate.Acknowledgements;
using HealthGate.Dashboard;
using HealthGate.Replication;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Overrides;
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
        await using var a = Replica(database);
        await using var b = Replica(database);
        await WaitListeningAsync(a);
        await WaitListeningAsync(b);
        var book = b.Services.GetRequiredService<AcknowledgementBook>();
        using var stream = await OpenEventsAsync(b);

        using var response = await AcknowledgementsApiTests.PostAsync(a, "feed", """{"minutes":20,"reason":"venue maintenance"}""", "olga");
        var answered = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var made = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var until = made.GetProperty("until").GetDateTimeOffset();

        var data = await NextEventAsync(stream, DashboardEvent.Acknowledgement);
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
        await using var a = Replica(database);
        using var response = await AcknowledgementsApiTests.PostAsync(a, "core", """{"minutes":20,"reason":"disk swap"}""", "bob");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        await using var b = Replica(database);

        var listed = Assert.Single((await b.GetJsonAsync("/acknowledgements")).EnumerateArray());
        Assert.Equal(("core", "bob"), (listed.GetProperty("check").GetString(), listed.GetProperty("by").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AReplicaWhoseListenerWasCutHasTheAcknowledgementMadeMeanwhileOnceItListensAgain()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = Replica(database);
        // B's clock is held: once its listener is cut it stays disconnected until the clock moves.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var b = Replica(database, services => services.AddSingleton<TimeProvider>(clock));
        var listener = await WaitListeningAsync(b);
        var book = b.Services.GetRequiredService<AcknowledgementBook>();
        await TerminateAsync(database, listener.ListenerPid!.Value);
        await WaitAsync(() => listener.ListenerPid is null, "B noticed its listener was cut");

        using var response = await AcknowledgementsApiTests.PostAsync(a, "feed", """{"minutes":20,"reason":"venue maintenance"}""", "jane");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(book.IsAcknowledged("feed", clock.GetUtcNow()));

        await WaitAsync(
            () =>
            {
                clock.Advance(ReplicaListener.FirstRetry);
                return book.IsAcknowledged("feed", clock.GetUtcNow());
            },
            "B read the acknowledgement when it caught up");
        Assert.Equal("jane", book.Find("feed", clock.GetUtcNow())!.By.Id);
    }

    private GateScenario Replica(string database, Action<IServiceCollection>? services = null) => new(
        _standIn,
        GateScenario.People(("Storage:Provider", "postgres"), ("Storage:ConnectionString", database), ("Readiness:PeriodSeconds", 3600)),
        services);

    private static async Task<ReplicaListener> WaitListeningAsync(GateScenario replica)
    {
        var listener = replica.Services.GetRequiredService<ReplicaListener>();
        await WaitAsync(() => listener.ListenerPid is not null, "the replica listens");
        return listener;
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }

    private static async Task TerminateAsync(string database, int pid)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    private static async Task<StreamReader> OpenEventsAsync(GateScenario replica)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/events", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(EventStreamResult.ContentType));
        var response = await replica.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("retry: 2000", await reader.ReadLineAsync());
        return reader;
    }

    private static async Task<string> NextEventAsync(StreamReader reader, string type)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? previous = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (previous == $"event: {type}" && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }

            previous = line;
        }

        throw new InvalidOperationException($"the stream ended before a {type} event");
    }
}
