using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using HealthGate.Dashboard;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Replication;

/// <summary>
/// Three real service processes of one desk on one PostgreSQL database: a launcher burst spread over them costs the
/// dependencies one run, the run cap holds across them, and a run made on one shows on the others' <c>/checks</c> and
/// <c>/events</c> within 1 s.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DeskAcrossReplicasTests(PostgresServer server) : IAsyncLifetime
{
    // The dependency answers slowly, so a run is in flight long enough for a whole burst to find it.
    private static readonly TimeSpan DependencyTakes = TimeSpan.FromMilliseconds(800);

    private readonly HttpStandIn _standIn = new();
    private readonly TempDirectory _directory = new();
    private readonly List<ServiceProcess> _replicas = [];
    private RequestCounter _hits = null!;

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        _hits = _standIn.Count("/dependency", DependencyTakes);
        _standIn.Respond("/venue", 200, "{}");
        var config = _directory.WriteConfig(new
        {
            HealthGate = new
            {
                Checks = new Dictionary<string, object>
                {
                    ["dependency"] = new { Type = "http", Tier = "P0", Url = _standIn.Url("/dependency"), TimeoutMs = 5000 },
                    ["venue"] = new { Type = "http", Tier = "P1", Url = _standIn.Url("/venue"), TimeoutMs = 2000 },
                },
                Readiness = new { PeriodSeconds = 3600 },
                Preflight = new { CoalesceWindowMs = 2000, MaxRunsPerSecond = 1, ClientRequestsPerMinute = 100000 },
                Storage = new { Provider = "postgres", ConnectionString = await server.CreateDatabaseAsync() },
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
    public async Task TwoHundredLaunchersOverThreeReplicasCostTheDependencyWhatOneReplicaCosts()
    {
        var before = _hits.Value;

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => PreflightAsync(_replicas[i % 3], "paper")));

        // One replica coalesces such a burst into one run (two if the burst outlasts the run in flight); so do three.
        var runs = answers.Select(a => a.GetProperty("runId").GetString()).Distinct().ToList();
        Assert.InRange(runs.Count, 1, 2);
        Assert.Equal(runs.Count, _hits.Value - before);
        Assert.All(answers, a => Assert.Equal("PASS", a.GetProperty("verdict").GetString()));
    }

    [Fact]
    public async Task TheRunCapHoldsAcrossReplicas()
    {

        // One request at a time, each after the previous answer, each to the next replica: every one needs a fresh run,
        // and the desk's cap (one a second) spaces their starts, whichever replica runs them.
        var allowed = new List<DateTimeOffset>();
        for (var i = 0; i < 5; i++)
        {
            var answer = await PreflightAsync(_replicas[i % 3], "paper");
            var runId = answer.GetProperty("runId").GetString()!;
            allowed.Add(AllowedStart(runId));

            // No run starts before the instant the desk allowed it (its id carries that instant, to the millisecond).
            Assert.True(answer.GetProperty("startedAt").GetDateTimeOffset() >= allowed[^1], $"run {runId} started before it was allowed to");
        }

        var gaps = allowed.Zip(allowed.Skip(1), (a, b) => b - a).ToList();
        Assert.All(gaps, gap => Assert.True(gap >= TimeSpan.FromMilliseconds(999), $"runs allowed {gap.TotalMilliseconds:F0} ms apart, under the cap of one a second"));
    }

    // A run id is a ULID: its first ten characters are the milliseconds of the instant the desk allowed the run.
    private static DateTimeOffset AllowedStart(string runId)
    {
        const string alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        var ms = runId[..10].Aggregate(0L, (value, c) => (value << 5) | (long)alphabet.IndexOf(c, StringComparison.Ordinal));
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    [Fact]
    public async Task AP1FailOnOneReplicaShowsOnTheOtherTwoWithinOneSecond()
    {
        using var stream = await EventStream.OpenAsync(_replicas[1].Client);
        _standIn.Respond("/venue", 500, "{}");

        var answer = await PreflightAsync(_replicas[0], "live");
        var answered = Stopwatch.StartNew();
        var runId = answer.GetProperty("runId").GetString()!;
        Assert.Equal("P1_FAIL", answer.GetProperty("verdict").GetString());

        var onB = await EventStream.NextAsync(stream, DashboardEvent.Run, data => data.Contains(runId, StringComparison.Ordinal));
        Assert.Contains("\"verdict\":\"P1_FAIL\"", onB, StringComparison.Ordinal);
        foreach (var other in _replicas.Skip(1))
        {
            await ProcessRunner.WaitUntilAsync(async () => await StatusAsync(other, "venue") == "Unhealthy", TimeSpan.FromSeconds(5), "the other replica's /checks");
        }

        var took = answered.Elapsed;
        Assert.True(took < TimeSpan.FromSeconds(1), $"the run reached the other replicas after {took.TotalMilliseconds:F0} ms");
        _standIn.Respond("/venue", 200, "{}");
    }

    private static async Task<JsonElement> PreflightAsync(ServiceProcess replica, string mode)
    {
        using var response = await replica.Client.GetAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string?> StatusAsync(ServiceProcess replica, string check)
    {
        var checks = JsonDocument.Parse(await replica.Client.GetStringAsync(new Uri("/checks", UriKind.Relative))).RootElement;
        return checks.EnumerateArray().Single(c => c.GetProperty("name").GetString() == check).GetProperty("status").GetString();
    }
}
