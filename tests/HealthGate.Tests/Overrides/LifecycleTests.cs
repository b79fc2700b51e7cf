using System.Net;
using System.Text.Json;
using HealthGate.Contracts;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// The override lifecycle through HTTP, each caller with their own key: every refusal of the two-person rule and the
/// happy paths, with what the operational log says after each.
/// </summary>
public sealed class LifecycleTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task ALiveForceStartIsApprovedByARiskManagerAndACtoThenUsedOnceByItsRequester()
    {
        await using var gate = WithPeople(_standIn);
        var run = await gate.RunAsync("P1_FAIL");

        var requested = await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", run), "olga"));
        Assert.Equal(("pending", "olga"), (requested.GetProperty("state").GetString(), requested.GetProperty("requestedBy").GetProperty("id").GetString()));
        Assert.Equal(["risk-manager", "cto"], Roles(requested, "awaiting"));
        var id = requested.GetProperty("id").GetInt64();

        var half = await OkAsync(await gate.DecideAsync(id, "approve", "jane", "seen the feed outage"));
        Assert.Equal("pending", half.GetProperty("state").GetString());
        Assert.Equal(["cto"], Roles(half, "awaiting"));

        var approved = await OkAsync(await gate.DecideAsync(id, "approve", "bob"));
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal([("jane", "risk-manager"), ("bob", "cto")], Approvals(approved));

        var used = await OkAsync(await gate.UseAsync(id, "olga"));
        Assert.Equal("used", used.GetProperty("state").GetString());
        await IsProblemAsync(await gate.UseAsync(id, "olga"), HttpStatusCode.Conflict);

        var log = await gate.GetJsonAsync($"/oplog?limit=500");
        var kinds = log.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray();
        Assert.Equal(
            [OpLogEvents.PreflightFailure, OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideDecided, OpLogEvents.OverrideApproved, OpLogEvents.OverrideUsed],
            kinds);
        var entries = log.GetProperty("items").Deserialize<OpLogRecord[]>(Json)!;
        Assert.True(OpLogChain.Verify(entries).IsIntact);
        Assert.Equal(["olga", "jane", "bob", "olga"], entries.Where(e => e.Who is not null).Select(e => e.Who!.Id));
    }

    [Theory]
    [InlineData("olga", "approve", 403, "requested override")]          // the requester approves their own
    [InlineData("ops", "approve", 403, "service key")]                   // a service key approves
    [InlineData("tess", "approve", 403, "holds no role")]                // a person without a needed role
    [InlineData("tess", "reject", 403, "holds none of the roles")]       // nor may they veto
    [InlineData(null, "approve", 401, "")]                               // no credential at all
    [InlineData("nobody-key", "approve", 401, "")]                       // a key nobody holds
    public async Task ADecisionByTheWrongCallerIsRefusedAndChangesNothing(string? who, string decision, int status, string cause)
    {
        await using var gate = WithPeople(_standIn);
        var id = await RequestedAsync(gate, "olga");

        var problem = await IsProblemAsync(await gate.DecideAsync(id, decision, who), (HttpStatusCode)status);

        Assert.Contains(cause, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var current = await gate.GetJsonAsync($"/overrides/{id}");
        Assert.Equal("pending", current.GetProperty("state").GetString());
        Assert.Empty(current.GetProperty("approvals").EnumerateArray());
    }

    [Fact]
    public async Task OnePersonFillsOneRoleEvenWhenTheyHoldBoth()
    {
        await using var gate = WithPeople(_standIn);
        var id = await RequestedAsync(gate, "olga");

        var first = await OkAsync(await gate.DecideAsync(id, "approve", "rita"));
        var again = await IsProblemAsync(await gate.DecideAsync(id, "approve", "rita"), HttpStatusCode.Forbidden);

        Assert.Equal([("rita", "risk-manager")], Approvals(first));
        Assert.Contains("already decided", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", (await gate.GetJsonAsync($"/overrides/{id}")).GetProperty("state").GetString());
        await IsProblemAsync(await gate.DecideAsync(id, "approve", "jane"), HttpStatusCode.Forbidden);
        Assert.Equal("approved", (await OkAsync(await gate.DecideAsync(id, "approve", "bob"))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ARejectionEndsTheOverrideForEveryone()
    {
        await using var gate = WithPeople(_standIn);
        var id = await RequestedAsync(gate, "olga");

        var rejected = await OkAsync(await gate.DecideAsync(id, "reject", "bob", "not with the feed down"));

        Assert.Equal("rejected", rejected.GetProperty("state").GetString());
        await IsProblemAsync(await gate.DecideAsync(id, "approve", "jane"), HttpStatusCode.Conflict);
        await IsProblemAsync(await gate.UseAsync(id, "olga"), HttpStatusCode.Conflict);
        await IsProblemAsync(await gate.UseAsync(id, "ops"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task APendingOverrideIsNotUsableAndAnotherPersonCannotUseAnApprovedOne()
    {
        await using var gate = WithPeople(_standIn);
        var id = await RequestedAsync(gate, "olga");

        var pending = await IsProblemAsync(await gate.UseAsync(id, "olga"), HttpStatusCode.Conflict);
        Assert.Contains("pending: awaiting risk-manager, cto", pending.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await OkAsync(await gate.DecideAsync(id, "approve", "jane"));
        await OkAsync(await gate.DecideAsync(id, "approve", "bob"));

        await IsProblemAsync(await gate.UseAsync(id, "jane"), HttpStatusCode.Forbidden);
        Assert.Equal("used", (await OkAsync(await gate.UseAsync(id, "ops"))).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("P0_FAIL", 409, "P0 checks have no override")]
    [InlineData("PASS", 409, "force_start overrides only a P1_FAIL")]
    [InlineData("P2_WARN", 409, "force_start overrides only a P1_FAIL")]
    public async Task OnlyAP1FailIsForceStarted(string verdict, int status, string cause)
    {
        await using var gate = WithPeople(_standIn);
        var run = await gate.RunAsync(verdict);

        var problem = await IsProblemAsync(await gate.RequestAsync(Request("force_start", "live", run), "olga"), (HttpStatusCode)status);

        Assert.Contains(cause, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await gate.GetJsonAsync("/overrides")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AForceStartOfAnotherModesRunIsRefused()
    {
        await using var gate = WithPeople(_standIn);
        var liveRun = await gate.RunAsync("P1_FAIL");

        var problem = await IsProblemAsync(await gate.RequestAsync(Request("force_start", "paper", liveRun), "olga"), HttpStatusCode.Conflict);

        Assert.Contains("is a 'live' run, not 'paper'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOldBodyWithTypedNamesIsRefused()
    {
        await using var gate = WithPeople(_standIn);
        var run = await gate.RunAsync("P1_FAIL");

        var problem = await IsProblemAsync(
            await gate.RequestAsync(new { kind = "force_start", mode = "live", runId = run, @operator = "olga", approvers = TypedApprovers, reason = "r", ticket = "T-1", impact = "i", mitigation = "m" }, "olga"),
            HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("operator/approvers", out _));
        Assert.Equal(0, (await gate.GetJsonAsync("/overrides")).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("ticket")]
    [InlineData("impact")]
    [InlineData("mitigation")]
    [InlineData("reason")]
    public async Task ALiveRequestNeedsItsTicketImpactMitigationAndReason(string missing)
    {
        await using var gate = WithPeople(_standIn);
        var body = new Dictionary<string, string?>
        {
            ["kind"] = "skip_health_check",
            ["mode"] = "live",
            ["reason"] = "r",
            ["ticket"] = "T-1",
            ["impact"] = "i",
            ["mitigation"] = "m",
        };
        body[missing] = null;

        var problem = await IsProblemAsync(await gate.RequestAsync(body, "olga"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(missing, out _));
    }

    [Fact]
    public async Task APaperOverrideNeedsTheTeamLeadOnly()
    {
        await using var gate = WithPeople(_standIn);

        var requested = await CreatedAsync(await gate.RequestAsync(new { kind = "skip_health_check", mode = "paper", reason = "feed vendor maintenance" }, "ops"));
        var id = requested.GetProperty("id").GetInt64();

        Assert.Equal(["team-lead"], Roles(requested, "awaiting"));
        Assert.Equal("approved", (await OkAsync(await gate.DecideAsync(id, "approve", "tess"))).GetProperty("state").GetString());
        Assert.Equal("used", (await OkAsync(await gate.UseAsync(id, "ops"))).GetProperty("state").GetString());
    }

    [Fact]
    public async Task AConfiguredPolicyReplacesTheDefaultWhole()
    {
        await using var gate = WithPeople(_standIn, ("Overrides:Policies:live:skip_health_check:Approvals:0", "team-lead"));

        var requested = await CreatedAsync(await gate.RequestAsync(Request("skip_health_check", "live", null), "olga"));

        Assert.Equal(["team-lead"], Roles(requested, "awaiting"));
    }

    private static readonly string[] TypedApprovers = ["jane", "bob"];

    private static async Task<long> RequestedAsync(GateScenario gate, string who)
    {
        var run = await gate.RunAsync("P1_FAIL");
        return (await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", run), who))).GetProperty("id").GetInt64();
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new UtcTimestampConverter() } };

    internal static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static string[] Roles(JsonElement record, string property) =>
        [.. record.GetProperty(property).EnumerateArray().Select(r => r.GetString()!)];

    internal static (string, string)[] Approvals(JsonElement record) =>
        [.. record.GetProperty("approvals").EnumerateArray()
            .Where(a => a.GetProperty("decision").GetString() == "approve")
            .Select(a => (a.GetProperty("person").GetProperty("id").GetString()!, a.GetProperty("role").GetString()!))];
}
