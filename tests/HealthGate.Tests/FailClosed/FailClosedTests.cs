using System.Net;
using HealthGate.Checks;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// The gate's one promise, tried from the outside against the real service process: no answer a dependency can
/// give and no configuration a person can write turns into a GO it should not be. Every row is NO-GO, a start
/// refused naming the key, or the right 4xx; rows are keyed "class/case" after docs/fail-closed.md.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailClosedTests(FailClosedDesk desk) : IClassFixture<FailClosedDesk>
{
    private const string Ess = """ "ess":{"active":false} """;

    /// <summary>Risk answers (classes 2 and 3): body, expected reason. Paper mode, so the risk check decides.</summary>
    private static readonly Dictionary<string, (string Body, string Reason)> RiskRows = new()
    {
        ["2/padded-critical"] = ($$"""{"global_risk":{"level":" CRITICAL"},{{Ess}}}""", Reasons.UnknownRiskLevel),
        ["2/padded-normal"] = ($$"""{"global_risk":{"level":"NORMAL "},{{Ess}}}""", Reasons.UnknownRiskLevel),
        ["2/zero-width-normal"] = ($$"""{"global_risk":{"level":"NORMAL\u200B"},{{Ess}}}""", Reasons.UnknownRiskLevel),
        ["2/bom-normal"] = ($$"""{"global_risk":{"level":"\uFEFFNORMAL"},{{Ess}}}""", Reasons.UnknownRiskLevel),
        ["2/cyrillic-o-normal"] = ($$"""{"global_risk":{"level":"N\u041ERMAL"},{{Ess}}}""", Reasons.UnknownRiskLevel),
        ["2/fullwidth-normal"] = ($$"""{"global_risk":{"level":"\uFF2E\uFF2F\uFF32\uFF2D\uFF21\uFF2C"},{{Ess}}}""", Reasons.UnknownRiskLevel),
        ["2/empty-level"] = ($$"""{"global_risk":{"level":""},{{Ess}}}""", Reasons.UnknownRiskLevel),
        ["2/halt-state"] = ($$"""{"global_risk":{"level":"HALTED"},{{Ess}}}""", Reasons.UnknownRiskLevel),
        ["2/critical-lower-case"] = ($$"""{"global_risk":{"level":"critical"},{{Ess}}}""", Reasons.RiskCritical),
        ["2/ess-string-false"] = ("""{"global_risk":{"level":"NORMAL"},"ess":{"active":"false"}}""", Reasons.InvalidResponse),
        ["2/ess-zero"] = ("""{"global_risk":{"level":"NORMAL"},"ess":{"active":0}}""", Reasons.InvalidResponse),
        ["2/ess-null"] = ("""{"global_risk":{"level":"NORMAL"},"ess":{"active":null}}""", Reasons.InvalidResponse),
        ["3/ess-true-then-false"] = ("""{"global_risk":{"level":"NORMAL"},"ess":{"active":true,"active":false}}""", Reasons.InvalidResponse),
        ["3/level-critical-then-normal"] = ($$"""{"global_risk":{"level":"CRITICAL","level":"NORMAL"},{{Ess}}}""", Reasons.InvalidResponse),
        ["3/ess-object-twice"] = ("""{"global_risk":{"level":"NORMAL"},"ess":{"active":true},"ess":{"active":false}}""", Reasons.InvalidResponse),
        ["3/unrelated-field-twice"] = ($$"""{"global_risk":{"level":"NORMAL"},{{Ess}},"note":"a","note":"b"}""", Reasons.InvalidResponse),
    };

    /// <summary>Exchange clocks (class 4): true skew, answer delay, stamped on arrival; live mode, the P1 exchange decides.</summary>
    private static readonly Dictionary<string, (int SkewMs, int DelayMs, bool StampOnArrival)> ClockRows = new()
    {
        ["4/stamped-on-arrival-delivered-late"] = (1200, 1500, true),
        ["4/just-over-the-limit-normal-round-trip"] = (1020, 60, true),
        ["4/just-over-behind-stamped-on-departure"] = (-1020, 60, false),
        ["4/far-ahead"] = (5000, 0, true),
        ["4/far-behind"] = (-5000, 0, true),
    };

    public static TheoryData<string> RiskAnswers => [.. RiskRows.Keys];

    public static TheoryData<string> ClockAnswers => [.. ClockRows.Keys];

    [Fact]
    public async Task TheDeskPassesWhenEveryAnswerIsHealthySoEveryNoGoBelowIsTheRowsDoing()
    {
        desk.SetHealthy();

        var paper = await desk.PreflightAsync("paper");
        var live = await desk.PreflightAsync("live");

        paper.AssertPass();
        live.AssertPass();
        Assert.Equal(4, live.Json.GetProperty("summary").GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(RiskAnswers))]
    public async Task ARiskAnswerThatIsNotPlainlyAllowedIsNoGo(string row)
    {
        var (body, reason) = RiskRows[row];
        desk.SetHealthy();
        desk.SetRisk(body);

        var run = await desk.PreflightAsync("paper");

        run.AssertNoGo("P0_FAIL");
        Assert.Equal("Unhealthy", run.Check("risk").GetProperty("status").GetString());
        Assert.Equal(reason, run.Check("risk").GetProperty("reason").GetString());
    }

    [Theory]
    [MemberData(nameof(ClockAnswers))]
    public async Task AClockAnswerThatCannotRuleOutASkewOverTheLimitIsNoGo(string row)
    {
        var (skew, delay, onArrival) = ClockRows[row];
        desk.SetHealthy();
        desk.ServeTime(TimeSpan.FromMilliseconds(skew), TimeSpan.FromMilliseconds(delay), onArrival);

        var run = await desk.PreflightAsync("live");

        run.AssertNoGo("P1_FAIL");
        var exchange = run.Check("exchange");
        Assert.Equal(Reasons.ClockSkew, exchange.GetProperty("reason").GetString());
        var data = exchange.GetProperty("data");
        Assert.True(data.GetProperty("boundMs").GetDouble() > FailClosedDesk.MaxClockSkewMs, data.GetRawText());
    }

    [Fact]
    public async Task ADuplicatedPropertyInTheExchangeTimeIsNoGo()
    {
        desk.SetHealthy();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        desk.StandIn.Respond("/fc/time", 200, $$"""{"serverTime":{{now + 60_000}},"serverTime":{{now}}}""");

        var run = await desk.PreflightAsync("live");

        run.AssertNoGo("P1_FAIL");
        Assert.Equal(Reasons.InvalidResponse, run.Check("exchange").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ALauncherThatAsksAfterTheWindowGetsAFreshRunNotTheOneInFlight()
    {
        // Class 5. Run A starts with the risk NORMAL; its slow P2 check is held until the second launcher's run has begun.
        desk.SetHealthy();
        var riskAnswers = desk.RiskHits;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = desk.HoldSlow(release.Task);
        try
        {
            var first = desk.PreflightAsync("coalesce");

            // The flip waits for A's own risk answer (NORMAL), or A would be NO-GO; only preflights reach the stand-in.
            await ProcessRunner.WaitUntilAsync(() => Task.FromResult(slow.Value >= 1 && riskAnswers.Value >= 1), TimeSpan.FromSeconds(20), "run A asking its slow check and getting its risk answer");
            desk.SetRisk("""{"global_risk":{"level":"CRITICAL"},"ess":{"active":false}}""");

            // A began before it asked either: 400 ms from here, the 250 ms window is over, and A is still held.
            await Task.Delay(TimeSpan.FromMilliseconds(400));
            var second = desk.PreflightAsync("coalesce");
            await ProcessRunner.WaitUntilAsync(() => Task.FromResult(slow.Value >= 2), TimeSpan.FromSeconds(20), "the second launcher's own run asking the slow check (a request that joined run A would not)");
            Assert.False(first.IsCompleted, "run A finished before the second launcher asked; the row proves nothing");
            release.SetResult();
            var firstRun = await first;
            var secondRun = await second;

            firstRun.AssertPass();
            secondRun.AssertNoGo("P0_FAIL");
            Assert.Equal(Reasons.RiskCritical, secondRun.Check("risk").GetProperty("reason").GetString());
            Assert.NotEqual(firstRun.RunId, secondRun.RunId);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task StartedFromAnotherFolderTheDeskRunsExactlyItsOwnChecksAndTheShippedLoggingApplies()
    {
        // Class 8: the service was started from a temporary working directory, never its binary's folder.
        desk.SetHealthy();

        var live = await desk.PreflightAsync("coalesce");

        Assert.Equal(["postgres", "redis", "risk", "slow"], live.Json.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var lines = desk.Service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.StartsWith("{", l, StringComparison.Ordinal));
    }

    public static TheoryData<string> OverrideCases => [.. OverrideRows.Keys];

    /// <summary>
    /// Decisions (class 7): who requests a live skip (cto and risk-manager), who approves first (each accepted), then
    /// who decides what, and the refusal. A person is their credential: no spelling, second role or service key counts.
    /// </summary>
    private static readonly Dictionary<string, (string Requester, string[] Before, string Decider, string Decision, HttpStatusCode Status)> OverrideRows = new()
    {
        ["7/requester-approves-own"] = ("olga", [], "olga", "approve", HttpStatusCode.Forbidden),
        ["7/requester-holding-a-needed-role-approves-own"] = ("anna", [], "anna", "approve", HttpStatusCode.Forbidden),
        ["7/requester-rejects-own"] = ("anna", [], "anna", "reject", HttpStatusCode.Forbidden),
        ["7/service-key-approves"] = ("olga", [], "ops", "approve", HttpStatusCode.Forbidden),
        ["7/service-key-approves-what-it-requested"] = ("ops", [], "ops", "approve", HttpStatusCode.Forbidden),
        ["7/same-person-twice"] = ("olga", ["anna"], "anna", "approve", HttpStatusCode.Forbidden),
        ["7/one-person-holding-both-roles-fills-one"] = ("olga", ["rita"], "rita", "approve", HttpStatusCode.Forbidden),
        ["7/second-holder-of-a-filled-role"] = ("olga", ["anna"], "ivan", "approve", HttpStatusCode.Forbidden),
        ["7/no-needed-role"] = ("olga", [], "tess", "approve", HttpStatusCode.Forbidden),
        ["7/veto-from-outside-the-policy"] = ("olga", [], "tess", "reject", HttpStatusCode.Forbidden),
        ["7/key-in-other-case"] = ("olga", [], FailClosedDesk.People["anna"].Key.ToUpperInvariant(), "approve", HttpStatusCode.Unauthorized),
        ["7/key-one-character-longer"] = ("olga", [], FailClosedDesk.People["anna"].Key + "0", "approve", HttpStatusCode.Unauthorized),
        ["7/key-one-character-shorter"] = ("olga", [], FailClosedDesk.People["anna"].Key[..^1], "approve", HttpStatusCode.Unauthorized),
        ["7/configured-hash-sent-as-the-key"] = ("olga", [], Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(FailClosedDesk.People["anna"].Key))), "approve", HttpStatusCode.Unauthorized),
        ["7/no-credential"] = ("olga", [], "", "approve", HttpStatusCode.Unauthorized),
    };

    [Theory]
    [MemberData(nameof(OverrideCases))]
    public async Task ADecisionThatIsNotAnotherPersonsOwnIsRefusedAndChangesNothing(string row)
    {
        var (requester, before, decider, decision, status) = OverrideRows[row];
        var id = await desk.RequestSkipAsync(requester, row);
        foreach (var approver in before)
        {
            using var accepted = await desk.DecideAsync(id, "approve", approver);
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var response = await FailClosedDesk.PostAsync(desk.Service, $"/overrides/{id}/approvals", new { decision }, decider.Length == 0 ? null : decider);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var current = await desk.GetOverrideAsync(id);
        Assert.Equal("pending", current.GetProperty("state").GetString());
        Assert.Equal(before, current.GetProperty("approvals").EnumerateArray().Select(a => a.GetProperty("person").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task WithNoPersonAndNoKeyConfiguredEveryOverrideWriteIsA401SayingSo()
    {
        // Row 7/no-key-configured, on the second desk, which configures nobody.
        foreach (var (path, body) in new (string, object?)[] { ("/overrides", FailClosedDesk.Skip("7/no-key-configured")), ("/overrides/1/approvals", new { decision = "approve" }), ("/overrides/1/use", null) })
        {
            using var response = await FailClosedDesk.PostAsync(desk.Keyless, path, body, FailClosedDesk.ApiKey);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no person (HealthGate:Auth:People) and no service key (HealthGate:Auth:ApiKeys) is configured", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> TypedNameBodies => [.. TypedNameRows.Keys];

    /// <summary>Bodies that name who asks or who approves (class 7): typed names are not evidence, so each is a 400 and nothing is recorded.</summary>
    private static readonly Dictionary<string, string> TypedNameRows = new()
    {
        ["7/body-names-the-operator"] = """{"kind":"skip_health_check","mode":"live","operator":"olga","reason":"r","ticket":"FC-7a","impact":"i","mitigation":"m"}""",
        ["7/body-names-approvers"] = """{"kind":"skip_health_check","mode":"live","approvers":["anna","bert"],"reason":"r","ticket":"FC-7b","impact":"i","mitigation":"m"}""",
        ["7/body-names-both"] = """{"kind":"skip_health_check","mode":"live","operator":"olga","approvers":["anna","bert"],"reason":"r","ticket":"FC-7c","impact":"i","mitigation":"m"}""",
        ["7/body-names-nobody-in-other-case"] = """{"kind":"skip_health_check","mode":"live","Approvers":[],"reason":"r","ticket":"FC-7d","impact":"i","mitigation":"m"}""",
    };

    [Theory]
    [MemberData(nameof(TypedNameBodies))]
    public async Task AnOverrideBodyNamingWhoAsksOrWhoApprovesIsA400AndNothingIsRecorded(string row)
    {
        var body = TypedNameRows[row];

        using var response = await SendRawAsync("/overrides", body, "olga");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNotRecordedAsync(TicketsOf(body));
    }

    public static TheoryData<string> DuplicatedFieldBodies => [.. DuplicatedFieldRows.Keys];

    /// <summary>Request bodies naming a field twice (class 3), each with a ticket of its own: read either way, one of them would be recorded.</summary>
    private static readonly Dictionary<string, string> DuplicatedFieldRows = new()
    {
        ["3/body-kind-twice"] = """{"kind":"force_start","kind":"skip_health_check","mode":"live","reason":"r","ticket":"FC-3a","impact":"i","mitigation":"m"}""",
        ["3/body-mode-twice"] = """{"kind":"skip_health_check","mode":"paper","mode":"live","reason":"r","ticket":"FC-3b","impact":"i","mitigation":"m"}""",
        ["3/body-reason-twice"] = """{"kind":"skip_health_check","mode":"live","reason":"r","reason":"s","ticket":"FC-3c","impact":"i","mitigation":"m"}""",
        ["3/body-mode-twice-in-other-case"] = """{"kind":"skip_health_check","mode":"paper","Mode":"live","reason":"r","ticket":"FC-3d","impact":"i","mitigation":"m"}""",
        ["3/body-ticket-twice"] = """{"kind":"skip_health_check","mode":"live","reason":"r","ticket":"FC-3e","ticket":"FC-3f","impact":"i","mitigation":"m"}""",
    };

    [Theory]
    [MemberData(nameof(DuplicatedFieldBodies))]
    public async Task AnOverrideBodyNamingAFieldTwiceIsA400AndNothingIsRecorded(string row)
    {
        var body = DuplicatedFieldRows[row];

        using var response = await SendRawAsync("/overrides", body, "olga");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNotRecordedAsync(TicketsOf(body));
    }

    public static TheoryData<string> DuplicatedDecisionBodies => [.. DuplicatedDecisionRows.Keys];

    /// <summary>Decisions naming a field twice (class 3): read last-wins, a rejection would become an approval.</summary>
    private static readonly Dictionary<string, string> DuplicatedDecisionRows = new()
    {
        ["3/decision-twice"] = """{"decision":"reject","decision":"approve"}""",
        ["3/decision-twice-in-other-case"] = """{"decision":"reject","Decision":"approve"}""",
        ["3/comment-twice"] = """{"decision":"approve","comment":"a","comment":"b"}""",
    };

    [Theory]
    [MemberData(nameof(DuplicatedDecisionBodies))]
    public async Task ADecisionNamingAFieldTwiceIsA400AndNothingIsRecorded(string row)
    {
        var id = await desk.RequestSkipAsync("olga", row);

        using var response = await SendRawAsync($"/overrides/{id}/approvals", DuplicatedDecisionRows[row], "anna");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var current = await desk.GetOverrideAsync(id);
        Assert.Equal("pending", current.GetProperty("state").GetString());
        Assert.Empty(current.GetProperty("approvals").EnumerateArray());
    }

    [Fact]
    public async Task AnOverrideRequestedByOnePersonAndApprovedByTwoOthersWithTheirOwnKeysIsApprovedAndUsedOnce()
    {
        var id = await desk.RequestSkipAsync("olga", "FC-7-ok");

        using var first = await desk.DecideAsync(id, "approve", "bert");
        using var second = await desk.DecideAsync(id, "approve", "anna");
        using var use = await FailClosedDesk.PostAsync(desk.Service, $"/overrides/{id}/use", null, "olga");
        using var again = await FailClosedDesk.PostAsync(desk.Service, $"/overrides/{id}/use", null, "ops");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Conflict), (first.StatusCode, second.StatusCode, use.StatusCode, again.StatusCode));
        var used = await desk.GetOverrideAsync(id);
        Assert.Equal("used", used.GetProperty("state").GetString());
        Assert.Equal(
            [("bert", "cto"), ("anna", "risk-manager")],
            used.GetProperty("approvals").EnumerateArray().Select(a => (a.GetProperty("person").GetProperty("id").GetString(), a.GetProperty("role").GetString())).OrderBy(a => a.Item2, StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnOverrideBodyOverTheLimitIs413AndNothingIsRecorded()
    {
        var huge = new { kind = "skip_health_check", mode = "live", reason = new string('r', 100_000), ticket = "FC-2", impact = "i", mitigation = "m" };

        using var response = await FailClosedDesk.PostOverrideAsync(desk.Service, huge, FailClosedDesk.ApiKey);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await AssertNotRecordedAsync(["FC-2"]);
    }

    private static string[] TicketsOf(string body) =>
        [.. System.Text.Json.JsonDocument.Parse(body).RootElement.EnumerateObject().Where(p => p.NameEquals("ticket")).Select(p => p.Value.GetString()!)];

    private async Task<HttpResponseMessage> SendRawAsync(string path, string body, string who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", FailClosedDesk.People[who].Key);
        return await desk.Service.Client.SendAsync(request);
    }

    /// <summary>Neither the overrides nor the operational log hold any of <paramref name="tickets"/>.</summary>
    private async Task AssertNotRecordedAsync(string[] tickets)
    {
        var overrides = await desk.Service.Client.GetStringAsync(new Uri("/overrides?limit=500", UriKind.Relative));
        var log = await desk.Service.Client.GetStringAsync(new Uri("/oplog?kind=override_requested&limit=500", UriKind.Relative));
        Assert.All(tickets, ticket =>
        {
            Assert.DoesNotContain($"\"{ticket}\"", overrides, StringComparison.Ordinal);
            Assert.DoesNotContain($"\"{ticket}\"", log, StringComparison.Ordinal);
        });
    }
}
