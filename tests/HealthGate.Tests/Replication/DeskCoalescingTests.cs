using HealthGate.Leadership;
using HealthGate.Preflight;
using HealthGate.Replication;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Overrides;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Tests.Replication;

/// <summary>
/// The desk's coalescing decision on a real PostgreSQL store: a request joins another replica's run only while it is in
/// flight, within the window, and made under the same configuration — never a verdict of another configuration.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeskCoalescingTests(PostgresServer server) : IAsyncLifetime
{
    private readonly HttpStandIn _standIn = new();

    public Task InitializeAsync() => _standIn.InitializeAsync();

    public Task DisposeAsync() => _standIn.DisposeAsync();

    [Fact]
    public async Task ARequestWithinTheWindowJoinsTheRunInFlight()
    {
        await using var replica = Replica(await server.CreateDatabaseAsync());
        var desk = replica.Services.GetRequiredService<IDeskCoalescing>();
        var now = DateTimeOffset.UtcNow;

        var first = await desk.ClaimAsync("paper", "hash-a", now, CancellationToken.None);
        var second = await desk.ClaimAsync("paper", "hash-a", now.AddMilliseconds(100), CancellationToken.None);

        Assert.True(desk.Enabled);
        Assert.False(first.Joined);
        Assert.True(second.Joined);
        Assert.Equal(first.RunId, second.RunId);
    }

    [Fact]
    public async Task ARequestPastTheWindowOrUnderAnotherConfigurationOrOfAnotherModeStartsItsOwn()
    {
        await using var replica = Replica(await server.CreateDatabaseAsync());
        var desk = replica.Services.GetRequiredService<IDeskCoalescing>();
        var now = DateTimeOffset.UtcNow;
        var first = await desk.ClaimAsync("paper", "hash-a", now, CancellationToken.None);

        var otherConfig = await desk.ClaimAsync("paper", "hash-b", now.AddMilliseconds(10), CancellationToken.None);
        var otherMode = await desk.ClaimAsync("live", "hash-b", now.AddMilliseconds(20), CancellationToken.None);
        var late = await desk.ClaimAsync("paper", "hash-b", now.AddMilliseconds(20 + 250 + 1000), CancellationToken.None);

        Assert.False(otherConfig.Joined);
        Assert.False(otherMode.Joined);
        Assert.False(late.Joined);
        Assert.Equal(4, new[] { first.RunId, otherConfig.RunId, otherMode.RunId, late.RunId }.Distinct().Count());
    }

    [Fact]
    public async Task ARecordedRunIsOverAndIsNotJoined()
    {
        await using var replica = Replica(await server.CreateDatabaseAsync());
        var desk = replica.Services.GetRequiredService<IDeskCoalescing>();
        var recorded = await replica.RunAsync("PASS");
        var flight = await desk.ClaimAsync("paper", "any", DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.NotEqual(recorded, flight.RunId);

        // The gate's own next request finds its previous run recorded and makes a fresh one.
        var next = await replica.RunAsync("PASS");
        Assert.NotEqual(recorded, next);
    }

    [Fact]
    public async Task AJoinedRunIsReadFromTheStoreOnceRecorded()
    {
        var database = await server.CreateDatabaseAsync();
        await using var a = Replica(database);
        await using var b = Replica(database);
        var runId = await a.RunAsync("P1_FAIL");

        var joined = await b.Services.GetRequiredService<IDeskCoalescing>().AwaitRunAsync(runId, DateTimeOffset.UtcNow.AddSeconds(5), CancellationToken.None);

        Assert.NotNull(joined);
        Assert.Equal(runId, joined.RunId);
        Assert.Equal(HealthGate.Contracts.Verdict.P1Fail, joined.Verdict);
    }

    [Fact]
    public async Task ARunNeverRecordedIsGivenUpAtItsDeadline()
    {
        await using var replica = Replica(await server.CreateDatabaseAsync());
        var missing = await replica.Services.GetRequiredService<IDeskCoalescing>().AwaitRunAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV", DateTimeOffset.UtcNow.AddMilliseconds(300), CancellationToken.None);
        Assert.Null(missing);
    }

    [Fact]
    public async Task ClaimsAndNotificationsDoNotWaitForTheDiskWhileTheOperatorsOwnOptionsStay()
    {
        // A preflight behind a prune waits for the WAL's flush once, for its record; the claim and the NOTIFY are not evidence.
        var database = await server.CreateDatabaseAsync() + ";Options=-c statement_timeout=12345";
        await using var replica = Replica(database);
        var connections = replica.Services.GetRequiredService<ReplicaConnections>();

        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = new Npgsql.NpgsqlCommand("SELECT current_setting('synchronous_commit'), current_setting('statement_timeout')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(("off", "12345ms"), (reader.GetString(0), reader.GetString(1)));
    }

    [Fact]
    public void DesksHaveTheirOwnChannelsAndTheDefaultKeepsThePlainNames()
    {
        var plain = new ReplicaChannels(new DeskName("default"));
        var a = new ReplicaChannels(new DeskName("desk-a"));
        var b = new ReplicaChannels(new DeskName("desk-b"));

        Assert.Equal(("healthgate_runs", "healthgate_overrides"), (plain.Runs, plain.Overrides));
        Assert.NotEqual(a.Runs, b.Runs);
        Assert.NotEqual(a.Overrides, b.Overrides);
        Assert.All(new[] { a.Runs, a.Overrides, b.Runs }, c => Assert.Matches("^[a-z0-9_]{1,63}$", c));
        Assert.Null(a.KindOf(b.Runs));
        Assert.Null(a.KindOf(plain.Runs));
        Assert.Equal(ReplicaChannels.RunsKind, a.KindOf(a.Runs));
        Assert.Equal(ReplicaChannels.OverridesKind, a.KindOf(a.Overrides));
    }

    private GateScenario Replica(string database) => new(
        _standIn,
        GateScenario.People(("Storage:Provider", "postgres"), ("Storage:ConnectionString", database), ("Readiness:PeriodSeconds", 3600)));
}
