using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGate.Tests.Infrastructure;
using HealthGate.Tests.Overrides;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Admission.AdmissionReviews;
using static HealthGate.Tests.Overrides.GateScenario;

namespace HealthGate.Tests.Admission;

/// <summary>
/// On PostgreSQL every replica of a desk answers an admission review the same, whichever replica ran the preflight
/// or recorded the override; and a desk sharing the database never admits on another desk's verdict.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AdmissionReplicaTests(PostgresServer postgres, HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;
    private readonly string _prefix = "/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task AReplicaAdmitsOnAnotherReplicasGoAndDeniesOnItsNoGo()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var a = Replica(database);
        await using var b = Replica(database);
        using var clientA = a.CreateClient();
        using var clientB = b.CreateClient();

        await PreflightAsync(clientA, "PASS");
        Assert.True((await ResponseAsync(clientB, Review("CREATE", Labels("live")))).GetProperty("allowed").GetBoolean());

        var run = await PreflightAsync(clientB, "P1_FAIL");
        var denied = await ResponseAsync(clientA, Review("UPDATE", Labels("live")));
        Assert.False(denied.GetProperty("allowed").GetBoolean());
        Assert.Contains($"run {run}", denied.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);

        // An override requested and approved on one replica admits on the other.
        var id = await ApprovedSkipAsync(clientA);
        var admitted = await ResponseAsync(clientB, Review("UPDATE", Labels("live")));
        Assert.True(admitted.GetProperty("allowed").GetBoolean());
        Assert.Contains($"override {id}", Assert.Single(admitted.GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADeskNeverAdmitsOnAnotherDesksGoInTheSameDatabase()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var deskA = Replica(database, "desk-a");
        await using var deskB = Replica(database, "desk-b");
        using var clientA = deskA.CreateClient();
        using var clientB = deskB.CreateClient();

        await PreflightAsync(clientA, "PASS");

        Assert.True((await ResponseAsync(clientA, Review("CREATE", Labels("live", "desk-a")))).GetProperty("allowed").GetBoolean());
        var other = await ResponseAsync(clientB, Review("CREATE", Labels("live")));
        Assert.False(other.GetProperty("allowed").GetBoolean());
        Assert.Contains("no live preflight is recorded", other.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
        var misrouted = await ResponseAsync(clientB, Review("CREATE", Labels("live", "desk-a")));
        Assert.Contains("labelled for desk 'desk-a', and this gate serves desk 'desk-b'", misrouted.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoreThatHangsIsADenialSayingSoWithinTheWebhooksTimeout()
    {
        var database = await postgres.CreateDatabaseAsync();
        await using var replica = Replica(database);
        using var client = replica.CreateClient();
        await PreflightAsync(client, "PASS");
        Assert.True((await ResponseAsync(client, Review("CREATE", Labels("live")))).GetProperty("allowed").GetBoolean());

        await postgres.PauseAsync();
        JsonElement response;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            response = await ResponseAsync(client, Review("CREATE", Labels("live")));
        }
        finally
        {
            await postgres.ResumeAsync();
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered after {clock.Elapsed}");
        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Contains("could not read its verdicts within 3 s", response.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A replica: the same checks, people and database as every other replica of the desk, so the same configHash.</summary>
    private HealthGateApplication Replica(string database, string desk = "default") => HealthGateApplication.With([
        .. Check("core", "http", "P0", ("Url", _standIn.Url(_prefix + "/p0"))),
        .. Check("feed", "http", "P1", ("Url", _standIn.Url(_prefix + "/p1"))),
        .. Check("cosmetic", "http", "P2", ("Url", _standIn.Url(_prefix + "/p2"))),
        .. People(("Storage:Provider", "postgres"), ("Storage:ConnectionString", database), ("Desk:Name", desk)),
    ]);

    private async Task<string> PreflightAsync(HttpClient client, string verdict)
    {
        _standIn.Respond(_prefix + "/p0", 200, "x");
        _standIn.Respond(_prefix + "/p1", verdict == "P1_FAIL" ? 500 : 200, "x");
        _standIn.Respond(_prefix + "/p2", 200, "x");
        using var response = await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(verdict, json.GetProperty("verdict").GetString());
        return json.GetProperty("runId").GetString()!;
    }

    private static async Task<long> ApprovedSkipAsync(HttpClient client)
    {
        var id = (await SendAsync(client, "/overrides", Request("skip_health_check", "live", null), "olga", 201)).GetProperty("id").GetInt64();
        await SendAsync(client, $"/overrides/{id}/approvals", new { decision = "approve" }, "jane", 200);
        await SendAsync(client, $"/overrides/{id}/approvals", new { decision = "approve" }, "bob", 200);
        return id;
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, string path, object body, string who, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Api-Key", KeyOf(who));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> ResponseAsync(HttpClient client, JsonNode review)
    {
        using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
        using var answer = await client.PostAsync(new Uri("/admission/v1/validate", UriKind.Relative), content);
        var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((string)review["request"]!["uid"]!, body.GetProperty("response").GetProperty("uid").GetString());
        return body.GetProperty("response");
    }
}
