using System.Net;
using HealthGate.Contracts;
using HealthGate.Tests.Overrides;

namespace HealthGate.Tests.Audit;

/// <summary>GET /oplog?order=desc: the operator page reads the head of the log and pages back from it with the same cursor.</summary>
public sealed class OpLogNewestFirstTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    [Fact]
    public async Task NewestFirstStartsAtTheHeadAndTheCursorPagesBackToTheFirstEntry()
    {
        await using var gate = GateScenario.WithPeople(fixture.StandIn);
        for (var i = 0; i < 3; i++)
        {
            await gate.RunAsync(Verdicts.P1FailToken);
        }

        var run = await gate.RunAsync(Verdicts.P1FailToken);
        Assert.Equal(HttpStatusCode.Created, (await gate.RequestAsync(GateScenario.Request("force_start", "live", run), "olga")).StatusCode);

        var head = await gate.GetJsonAsync("/oplog?order=desc&limit=2");
        var back = await gate.GetJsonAsync($"/oplog?order=desc&limit=2&after={head.GetProperty("next").GetString()}");
        var last = await gate.GetJsonAsync($"/oplog?order=desc&limit=2&after={back.GetProperty("next").GetString()}");
        var failures = await gate.GetJsonAsync($"/oplog?order=desc&kind={OpLogEvents.PreflightFailure}&after=4");

        Assert.Equal([5, 4], Seqs(head));
        Assert.Equal([3, 2], Seqs(back));
        Assert.Equal([1], Seqs(last));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.Equal(OpLogEvents.OverrideRequested, head.GetProperty("items")[0].GetProperty("kind").GetString());
        Assert.Equal([3, 2, 1], Seqs(failures));
        var ascending = await gate.GetJsonAsync("/oplog?order=asc&limit=2");
        Assert.Equal([1, 2], Seqs(ascending));
    }

    [Fact]
    public async Task AnUnknownOrderIsA400ThatSaysWhatIsAllowed()
    {
        await using var gate = GateScenario.WithPeople(fixture.StandIn);

        var problem = await gate.GetJsonAsync("/oplog?order=newest", HttpStatusCode.BadRequest);

        Assert.Contains("order must be asc or desc", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static long[] Seqs(System.Text.Json.JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("seq").GetInt64())];
}
