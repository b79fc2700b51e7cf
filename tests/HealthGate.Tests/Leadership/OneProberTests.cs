using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using Npgsql;

namespace HealthGate.Tests.Leadership;

/// <summary>
/// Three real service processes on one PostgreSQL database: one replica (the leader) runs the background readiness
/// checks, the others serve its shared result; a killed leader is replaced within two periods; a stalled one turns
/// every replica 503, never a stale 200.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OneProberTests(PostgresServer server) : IAsyncLifetime
{
    private const int PeriodSeconds = 1;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(PeriodSeconds);

    private readonly HttpStandIn _standIn = new();
    private readonly TempDirectory _directory = new();
    private readonly List<ServiceProcess> _replicas = [];
    private RequestCounter _hits = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        _hits = _standIn.Count("/dependency");
        _connectionString = await server.CreateDatabaseAsync();
        var config = _directory.WriteConfig(new
        {
            HealthGate = new
            {
                Checks = new Dictionary<string, object> { ["dependency"] = new { Type = "http", Tier = "P0", Url = _standIn.Url("/dependency"), TimeoutMs = 1000 } },
                Readiness = new { PeriodSeconds },
                Storage = new { Provider = "postgres", ConnectionString = _connectionString },
            },
        });
        for (var i = 0; i < 3; i++)
        {
            _replicas.Add(ServiceProcess.Start(new() { ConfigFile = config }));
        }

        foreach (var replica in _replicas)
        {
            await replica.WaitUntilServingAsync();
        }

        await ProcessRunner.WaitUntilAsync(async () => (await ReadyStatusesAsync(_replicas)).All(s => s == HttpStatusCode.OK), TimeSpan.FromSeconds(60), "every replica ready");
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _standIn.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task ThreeReplicasHitTheDependencyAsOneDoesAndAnswerTheSame()
    {
        Assert.Single(await LeadersAsync(_replicas));

        var before = _hits.Value;
        var window = Stopwatch.StartNew();
        await ProcessRunner.WaitUntilAsync(() => Task.FromResult(window.Elapsed >= TimeSpan.FromSeconds(6)), TimeSpan.FromSeconds(10), "a 6 s window");
        var hits = _hits.Value - before;
        var elapsed = window.Elapsed;

        // One replica runs at most once per 0.9 period (the jitter); three replicas each probing would be three times that.
        var oneReplica = (int)Math.Floor(elapsed / (Period * 0.9));
        Assert.InRange(hits, 2, oneReplica + 1);
        Assert.Single(await LeadersAsync(_replicas));

        var bodies = new List<JsonElement>();
        foreach (var replica in _replicas)
        {
            using var response = await replica.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
        }

        Assert.All(bodies, body =>
        {
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
            Assert.Equal(["dependency"], body.GetProperty("entries").EnumerateObject().Select(e => e.Name));
            Assert.Equal("Healthy", body.GetProperty("entries").GetProperty("dependency").GetProperty("status").GetString());
        });

        // Followers' observers hear the leader's run: the check's gauge reads 1 on every replica, not a never-run 0.
        foreach (var replica in _replicas)
        {
            var metrics = await replica.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains(metrics.Split('\n'), line => line.StartsWith("healthgate_check_status{check=\"dependency\"", StringComparison.Ordinal) && line.EndsWith(" 1", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AKilledLeaderIsReplacedWithinTwoPeriods()
    {
        var leader = Assert.Single(await LeadersAsync(_replicas));
        var survivors = _replicas.Where(r => r != leader).ToList();

        await leader.KillAsync();
        var failover = Stopwatch.StartNew();
        await ProcessRunner.WaitUntilAsync(async () => (await LeadersAsync(survivors)).Count == 1, TimeSpan.FromSeconds(30), "a survivor leading");
        var took = failover.Elapsed;

        Assert.True(took <= Period * 2, $"the new leader took {took.TotalSeconds:F1} s, more than two periods");
        var hitsThen = _hits.Value;
        await ProcessRunner.WaitUntilAsync(() => Task.FromResult(_hits.Value >= hitsThen + 2), TimeSpan.FromSeconds(10), "the new leader probing");
        // A follower reads the shared result once a period, so it may still hold the dead leader's (stale: 503, as it
        // must) when the probe lands; within a period more it serves the new leader's.
        await ProcessRunner.WaitUntilAsync(
            async () => (await ReadyStatusesAsync(survivors)).All(status => status == HttpStatusCode.OK),
            Period * 3,
            "every survivor ready on the new leader's result");
        Assert.Single(await LeadersAsync(survivors));
    }

    [Fact]
    public async Task AStalledLeaderTurnsEveryReplica503NeverAStale200()
    {
        var leader = Assert.Single(await LeadersAsync(_replicas));
        var followers = _replicas.Where(r => r != leader).ToList();
        using var stalled = Process.GetProcessById(leader.Id);

        // SIGSTOP: the leader's session stays open and keeps the lock, so no one else may probe; its result ages.
        await ProcessSignals.PauseTreeAsync(stalled);
        try
        {
            var lastWrite = await LastSharedStartAsync();
            await ProcessRunner.WaitUntilAsync(async () => (await ReadyStatusesAsync(followers)).All(s => s == HttpStatusCode.ServiceUnavailable), TimeSpan.FromSeconds(30), "every follower 503");

            // Counted from here, not from the pause: a probe the leader sent just before it stopped can reach the
            // stand-in after it; three periods later nothing sent before the pause is still on its way.
            var hitsThen = _hits.Value;

            // Turned 503 once the result was older than three periods (plus a period to read it and one to be asked), not before.
            var staleFor = DateTimeOffset.UtcNow - lastWrite;
            Assert.InRange(staleFor, Period * 3, Period * 6);

            // And stays 503 while no one probes: never a stale 200.
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < Period * 3)
            {
                Assert.All(await ReadyStatusesAsync(followers), status => Assert.Equal(HttpStatusCode.ServiceUnavailable, status));
            }

            Assert.Equal(hitsThen, _hits.Value);
            Assert.Empty(await LeadersAsync(followers));
        }
        finally
        {
            await ProcessSignals.ResumeTreeAsync(stalled);
        }

        await ProcessRunner.WaitUntilAsync(async () => (await ReadyStatusesAsync(_replicas)).All(s => s == HttpStatusCode.OK), TimeSpan.FromSeconds(30), "every replica ready again");
    }

    private static async Task<List<HttpStatusCode>> ReadyStatusesAsync(IEnumerable<ServiceProcess> replicas)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var replica in replicas)
        {
            using var response = await replica.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static async Task<List<ServiceProcess>> LeadersAsync(IEnumerable<ServiceProcess> replicas)
    {
        var leaders = new List<ServiceProcess>();
        foreach (var replica in replicas)
        {
            var metrics = await replica.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            if (metrics.Split('\n').Contains("healthgate_leader{desk=\"default\"} 1"))
            {
                leaders.Add(replica);
            }
        }

        return leaders;
    }

    private async Task<DateTimeOffset> LastSharedStartAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT started_at FROM healthgate_readiness WHERE desk = 'default'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return reader.GetFieldValue<DateTimeOffset>(0);
    }
}
