using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Overrides;

namespace HealthGate.Tests.Desks;

/// <summary>Two desks' services on one real PostgreSQL database: each sees only its own runs, log, overrides and history.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DesksOnOneDatabaseTests(PostgresServer server)
{
    [Fact]
    public async Task TwoDesksOnOneDatabaseSeeNothingOfEachOther()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var alpha = Desk(connectionString, "alpha");
        await using var beta = Desk(connectionString, "beta");
        using var a = Client(alpha);
        using var b = Client(beta);
        var alphaRuns = new[] { await PreflightAsync(a), await PreflightAsync(a) };
        var betaRun = await PreflightAsync(b);
        var alphaOverride = await RequestOverrideAsync(a);
        var betaOverride = await RequestOverrideAsync(b);

        // Runs: another desk's run is not found, and lists hold only the desk's own.
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(new Uri($"/preflight/runs/{betaRun}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(new Uri($"/preflight/runs/{alphaRuns[0]}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync(new Uri($"/preflight/runs/{betaRun}", UriKind.Relative))).StatusCode);
        Assert.Equal([alphaRuns[1], alphaRuns[0]], await IdsAsync(a, "/preflight/runs?limit=500", "runId"));
        Assert.Equal([betaRun], await IdsAsync(b, "/preflight/runs?limit=500", "runId"));

        // Overrides: the same.
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync(new Uri($"/overrides/{alphaOverride}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(new Uri($"/overrides/{betaOverride}", UriKind.Relative))).StatusCode);
        Assert.Equal([alphaOverride.ToString(System.Globalization.CultureInfo.InvariantCulture)], await IdsAsync(a, "/overrides?limit=500", "id"));
        Assert.Equal([betaOverride.ToString(System.Globalization.CultureInfo.InvariantCulture)], await IdsAsync(b, "/overrides?limit=500", "id"));

        // The op-log: each desk's chain from seq 1, verified whole, naming only its own runs and overrides.
        var alphaLog = await OpLogReader.ReadAllAsync(a);
        var betaLog = await OpLogReader.ReadAllAsync(b);
        OpLogReader.AssertIntact(alphaLog);
        OpLogReader.AssertIntact(betaLog);
        Assert.Equal(1, betaLog[0].Seq);
        Assert.DoesNotContain(alphaLog, e => e.RunId == betaRun || e.OverrideId == betaOverride);
        Assert.DoesNotContain(betaLog, e => alphaRuns.Any(r => r == e.RunId) || e.OverrideId == alphaOverride);
        Assert.Contains(betaLog, e => e.OverrideId == betaOverride);

        // The history a restarted replica seeds from the store is its desk's alone.
        await using var betaAgain = Desk(connectionString, "beta");
        using var again = Client(betaAgain);
        Assert.Equal([betaRun], await IdsAsync(again, "/checks/baseline-disk/history?limit=500", "runId"));
        await using var alphaAgain = Desk(connectionString, "alpha");
        using var alphaClient = Client(alphaAgain);
        Assert.Equal([alphaRuns[1], alphaRuns[0]], await IdsAsync(alphaClient, "/checks/baseline-disk/history?limit=500", "runId"));
    }

    [Fact]
    public async Task AnotherDesksRunNeverReachesAReplicasHistoryWhileItsOwnDeskReplicates()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var alpha = Desk(connectionString, "alpha");
        await using var beta = Desk(connectionString, "beta");
        await using var betaReplica = Desk(connectionString, "beta");
        using var a = Client(alpha);
        using var b = Client(beta);
        using var replica = Client(betaReplica);
        await IdsAsync(replica, "/checks/baseline-disk/history?limit=500", "runId");

        // Both desks' runs are announced on the shared database; the replica reads each back through its desk's store,
        // in order, so once beta's later run is there, alpha's earlier one has been heard and passed over.
        var alphaRun = await PreflightAsync(a);
        var betaRun = await PreflightAsync(b);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string[] seen;
        while (!(seen = await IdsAsync(replica, "/checks/baseline-disk/history?limit=500", "runId")).Contains(betaRun) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal([betaRun], seen);
        Assert.DoesNotContain(alphaRun, seen);
    }

    private static HealthGateApplication Desk(string connectionString, string desk) =>
        HealthGateApplication.With(GateScenario.People(("Storage:Provider", "postgres"), ("Storage:ConnectionString", connectionString), ("Desk:Name", desk)));

    private static HttpClient Client(HealthGateApplication app)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", GateScenario.PersonKeys["olga"]);
        return client;
    }

    private static async Task<string> PreflightAsync(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync(new Uri("/preflight?mode=paper", UriKind.Relative))).RootElement.GetProperty("runId").GetString()!;

    private static async Task<long> RequestOverrideAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/overrides", GateScenario.Request("skip_health_check", "live", null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>
    /// The named property of each item a list answers with (a bare array or a page's <c>items</c>), where it has one
    /// (a readiness result in a check's history names no run).
    /// </summary>
    private static async Task<string[]> IdsAsync(HttpClient client, string path, string property)
    {
        var root = JsonDocument.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement;
        var items = root.ValueKind == JsonValueKind.Array ? root : root.GetProperty("items");
        return
        [
            .. items.EnumerateArray()
                .Select(i => i.TryGetProperty(property, out var value) ? value : default)
                .Where(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                .Select(v => v.ToString()),
        ];
    }
}
