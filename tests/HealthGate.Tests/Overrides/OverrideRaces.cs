using System.Net;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.LifecycleTests;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// Two callers at once on one override, on whichever store the gate runs: exactly one wins, the other is refused,
/// and the operational log records the winner only, on an unbroken chain.
/// </summary>
internal static class OverrideRaces
{
    /// <summary>How many overrides each race is run on: each round is one more chance for a lost update to show.</summary>
    public const int Rounds = 8;

    private static readonly HttpStatusCode[] Refusals = [HttpStatusCode.Forbidden, HttpStatusCode.Conflict];

    /// <summary>jane fills risk-manager; then bob and rita (both cto) approve the last role at the same moment.</summary>
    public static async Task TwoPeopleApprovingTheLastRoleAtOnceFillItOnceAsync(GateScenario gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var run = await gate.RunAsync("P1_FAIL");
        for (var round = 0; round < Rounds; round++)
        {
            var id = (await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", run), "olga"))).GetProperty("id").GetInt64();
            await OkAsync(await gate.DecideAsync(id, "approve", "jane"));

            var (bob, rita) = await AtOnceAsync(() => gate.DecideAsync(id, "approve", "bob"), () => gate.DecideAsync(id, "approve", "rita"));

            var winner = OneWins(("bob", bob), ("rita", rita));
            var record = await gate.GetJsonAsync($"/overrides/{id}");
            Assert.Equal("approved", record.GetProperty("state").GetString());
            Assert.Equal([(winner, "cto"), ("jane", "risk-manager")], Approvals(record).OrderBy(a => a.Item2, StringComparer.Ordinal));
        }

        await AssertLogAsync(gate, OpLogEvents.OverrideApproved);
    }

    /// <summary>An approved override used by its requester and by the launcher's service key at the same moment: used once.</summary>
    public static async Task TwoUsesAtOnceUseItOnceAsync(GateScenario gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var run = await gate.RunAsync("P1_FAIL");
        for (var round = 0; round < Rounds; round++)
        {
            var id = (await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", run), "olga"))).GetProperty("id").GetInt64();
            await OkAsync(await gate.DecideAsync(id, "approve", "jane"));
            await OkAsync(await gate.DecideAsync(id, "approve", "bob"));

            var (olga, ops) = await AtOnceAsync(() => gate.UseAsync(id, "olga"), () => gate.UseAsync(id, "ops"));

            var winner = OneWins(("olga", olga), ("ops", ops));
            var record = await gate.GetJsonAsync($"/overrides/{id}");
            Assert.Equal(("used", winner), (record.GetProperty("state").GetString(), record.GetProperty("usedBy").GetProperty("id").GetString()));
        }

        await AssertLogAsync(gate, OpLogEvents.OverrideUsed);
    }

    /// <summary>Both calls are released together, each on its own thread, before either is answered.</summary>
    private static async Task<(HttpResponseMessage, HttpResponseMessage)> AtOnceAsync(Func<Task<HttpResponseMessage>> first, Func<Task<HttpResponseMessage>> second)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = Task.Run(async () =>
        {
            await go.Task;
            return await first();
        });
        var b = Task.Run(async () =>
        {
            await go.Task;
            return await second();
        });
        go.SetResult();
        return (await a, await b);
    }

    /// <summary>Exactly one 200, the other a 403 or 409 problem; returns who won.</summary>
    private static string OneWins((string Who, HttpResponseMessage Response) a, (string Who, HttpResponseMessage Response) b)
    {
        var statuses = $"{a.Who} {(int)a.Response.StatusCode}, {b.Who} {(int)b.Response.StatusCode}";
        var (winner, loser) = a.Response.StatusCode == HttpStatusCode.OK ? (a, b) : (b, a);
        Assert.True(winner.Response.StatusCode == HttpStatusCode.OK, $"nobody won: {statuses}");
        Assert.True(Refusals.Contains(loser.Response.StatusCode), $"both won or the loser was not refused: {statuses}");
        return winner.Who;
    }

    /// <summary>Each override has exactly one <paramref name="kind"/> entry and the chain is unbroken.</summary>
    private static async Task AssertLogAsync(GateScenario gate, string kind)
    {
        var log = await OpLogReader.ReadAllAsync(gate.Client);
        OpLogReader.AssertIntact(log);
        var overrides = (await gate.GetJsonAsync("/overrides?limit=500")).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt64()).ToArray();
        Assert.Equal(Rounds, overrides.Length);
        Assert.All(overrides, id => Assert.Single(log, e => e.OverrideId == id && e.Kind == kind));
    }
}
