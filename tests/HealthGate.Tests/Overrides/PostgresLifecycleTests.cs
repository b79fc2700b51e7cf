using System.Net;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.LifecycleTests;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// The key rows of <see cref="LifecycleTests"/> with the gate on PostgreSQL, the store replicas share: one gate and
/// database for the rows (each row has overrides of its own), a database of its own for each race.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresLifecycleTests(PostgresGate fixture) : IClassFixture<PostgresGate>
{
    private GateScenario Gate => fixture.Gate;

    [Fact]
    public async Task ALiveForceStartIsApprovedByARiskManagerAndACtoThenUsedOnceByItsRequester()
    {
        var run = await Gate.RunAsync("P1_FAIL");

        var id = (await CreatedAsync(await Gate.RequestAsync(Request("force_start", "live", run), "olga"))).GetProperty("id").GetInt64();
        var half = await OkAsync(await Gate.DecideAsync(id, "approve", "jane"));
        var approved = await OkAsync(await Gate.DecideAsync(id, "approve", "bob"));
        var used = await OkAsync(await Gate.UseAsync(id, "olga"));
        await IsProblemAsync(await Gate.UseAsync(id, "olga"), HttpStatusCode.Conflict);
        await IsProblemAsync(await Gate.UseAsync(id, "ops"), HttpStatusCode.Conflict);

        Assert.Equal("pending", half.GetProperty("state").GetString());
        Assert.Equal(["cto"], Roles(half, "awaiting"));
        Assert.Equal("approved", approved.GetProperty("state").GetString());
        Assert.Equal([("jane", "risk-manager"), ("bob", "cto")], Approvals(approved));
        Assert.Equal(("used", "olga"), (used.GetProperty("state").GetString(), used.GetProperty("usedBy").GetProperty("id").GetString()));
        var read = await Gate.GetJsonAsync($"/overrides/{id}");
        Assert.Equal(("used", "olga"), (read.GetProperty("state").GetString(), read.GetProperty("requestedBy").GetProperty("id").GetString()));
        var log = await OpLogReader.ReadAllAsync(Gate.Client);
        OpLogReader.AssertIntact(log);
        var mine = log.Where(e => e.OverrideId == id).ToArray();
        Assert.Equal(
            [OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideDecided, OpLogEvents.OverrideApproved, OpLogEvents.OverrideUsed],
            mine.Select(e => e.Kind));
        Assert.Equal(["olga", "jane", "bob", "olga"], mine.Where(e => e.Who is not null).Select(e => e.Who!.Id));
    }

    [Theory]
    [InlineData("olga", "approve", 403, "requested override")]
    [InlineData("ops", "approve", 403, "service key")]
    [InlineData("tess", "approve", 403, "holds no role")]
    [InlineData("tess", "reject", 403, "holds none of the roles")]
    [InlineData(null, "approve", 401, "")]
    public async Task ADecisionByTheWrongCallerIsRefusedAndChangesNothing(string? who, string decision, int status, string cause)
    {
        var run = await Gate.RunAsync("P1_FAIL");
        var id = (await CreatedAsync(await Gate.RequestAsync(Request("force_start", "live", run), "olga"))).GetProperty("id").GetInt64();

        var problem = await IsProblemAsync(await Gate.DecideAsync(id, decision, who), (HttpStatusCode)status);

        Assert.Contains(cause, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var current = await Gate.GetJsonAsync($"/overrides/{id}");
        Assert.Equal("pending", current.GetProperty("state").GetString());
        Assert.Empty(current.GetProperty("approvals").EnumerateArray());
        Assert.DoesNotContain(await OpLogReader.ReadAllAsync(Gate.Client), e => e.OverrideId == id && e.Kind != OpLogEvents.OverrideRequested);
    }

    [Fact]
    public async Task ARejectionEndsTheOverrideForEveryone()
    {
        var run = await Gate.RunAsync("P1_FAIL");
        var id = (await CreatedAsync(await Gate.RequestAsync(Request("force_start", "live", run), "olga"))).GetProperty("id").GetInt64();

        var rejected = await OkAsync(await Gate.DecideAsync(id, "reject", "bob", "not with the feed down"));

        Assert.Equal("rejected", rejected.GetProperty("state").GetString());
        await IsProblemAsync(await Gate.DecideAsync(id, "approve", "jane"), HttpStatusCode.Conflict);
        await IsProblemAsync(await Gate.UseAsync(id, "olga"), HttpStatusCode.Conflict);
        await IsProblemAsync(await Gate.UseAsync(id, "ops"), HttpStatusCode.Conflict);
        Assert.Equal("rejected", (await Gate.GetJsonAsync($"/overrides/{id}")).GetProperty("state").GetString());
        var mine = (await OpLogReader.ReadAllAsync(Gate.Client)).Where(e => e.OverrideId == id).Select(e => e.Kind);
        Assert.Equal([OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideRejected], mine);
    }

    [Fact]
    public async Task TwoPeopleApprovingTheLastRoleAtOnceFillItOnce()
    {
        await using var gate = await fixture.NewGateAsync();

        await OverrideRaces.TwoPeopleApprovingTheLastRoleAtOnceFillItOnceAsync(gate);
    }

    [Fact]
    public async Task TwoUsesAtOnceUseItOnce()
    {
        await using var gate = await fixture.NewGateAsync();

        await OverrideRaces.TwoUsesAtOnceUseItOnceAsync(gate);
    }
}
