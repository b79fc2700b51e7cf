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
        await using var a = Replica(database);
        await using var b = Replica(database);
        await WaitListeningAsync(a);
        await WaitListeningAsync(b);
        await b.RunAsync("PASS");
        Assert.Equal("Healthy", await LatestStatusAsync(b, "feed"));
        using var stream = await OpenEventsAsync(b);

        var runId = await a.RunAsync("P1_FAIL");
        var answered = Stopwatch.StartNew();

        var run = await NextEventAsync(stream, DashboardEvent.Run, data => data.Contains(runId, StringComparison.Ordinal));
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
        await using var a = Replica(database);
        await using var b = Replica(database);
        await WaitListeningAsync(b);
        using var stream = await OpenEventsAsync(b);

        var requested = await a.RequestAsync(GateScenario.Request("skip_health_check", "paper", null), "olga");
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        var id = JsonDocument.Parse(await requested.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        var data = await NextEventAsync(stream, DashboardEvent.Override, _ => true);
        Assert.Equal($"{{\"id\":{id},\"state\":\"pending\",\"event\":\"override_requested\"}}", data);
    }

    [Fact]
    public async Task AReplicaWhoseListenerWasCutCatchesUpTheRunsMadeMeanwhile()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = Replica(database);
        // B's clock is held: once its listener is cut it stays disconnected until the clock moves, so the runs below
        // are made while it cannot hear them.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var b = Replica(database, services => services.AddSingleton<TimeProvider>(clock));
        var listener = await WaitListeningAsync(b);
        var cut = listener.ListenerPid!.Value;
        await TerminateAsync(database, cut);
        await WaitAsync(() => Task.FromResult(listener.ListenerPid is null), "B noticed its listener was cut");

        string[] made = [await a.RunAsync("P1_FAIL"), await a.RunAsync("PASS"), await a.RunAsync("P2_WARN")];
        var before = await b.GetJsonAsync("/checks/feed/history?limit=20");
        Assert.DoesNotContain(before.EnumerateArray(), e => made.Contains(e.GetProperty("runId").GetString()));

        // The clock moves by the first back-off at each look, so B retries once it has set its timer, whenever that is.
        await WaitAsync(
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

    private GateScenario Replica(string database, Action<IServiceCollection>? services = null) => new(
        _standIn,
        GateScenario.People(("Storage:Provider", "postgres"), ("Storage:ConnectionString", database), ("Readiness:PeriodSeconds", 3600)),
        services);

    private static async Task<ReplicaListener> WaitListeningAsync(GateScenario replica)
    {
        var listener = replica.Services.GetRequiredService<ReplicaListener>();
        await WaitAsync(() => Task.FromResult(listener.ListenerPid is not null), "the replica listens");
        return listener;
    }

    private static async Task<string?> LatestStatusAsync(GateScenario replica, string check) =>
        (await replica.GetJsonAsync("/checks")).EnumerateArray().Single(c => c.GetProperty("name").GetString() == check).GetProperty("status").GetString();

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

    private static async Task<string> NextEventAsync(StreamReader reader, string type, Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        string? previous = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (previous == $"event: {type}" && line.StartsWith("data: ", StringComparison.Ordinal) && match(line["data: ".Length..]))
            {
                return line["data: ".Length..];
            }

            previous = line;
        }

        throw new InvalidOperationException($"the stream ended before a matching {type} event");
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
