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

    /// <summary>Overrides (class 7): body, key, expected status.</summary>
    private static readonly Dictionary<string, (object Body, bool Keyless, HttpStatusCode Status)> OverrideRows = new()
    {
        ["7/no-key-configured"] = (Skip("olga", "anna", "bert"), true, HttpStatusCode.Unauthorized),
        ["7/same-person-two-cases"] = (Skip("olga", "Anna", "ANNA"), false, HttpStatusCode.BadRequest),
        ["7/same-person-padded"] = (Skip("olga", " anna", "anna "), false, HttpStatusCode.BadRequest),
        ["7/same-person-full-width"] = (Skip("olga", "anna", "\uFF41\uFF4E\uFF4E\uFF41"), false, HttpStatusCode.BadRequest),
        ["7/same-person-ligature"] = (Skip("olga", "fiona", "\uFB01ona"), false, HttpStatusCode.BadRequest),
        ["7/zero-width-second-name"] = (Skip("olga", "anna", "an\u200Bna"), false, HttpStatusCode.BadRequest),
        ["7/control-character-name"] = (Skip("olga", "anna", "bert\u0007"), false, HttpStatusCode.BadRequest),
        ["7/operator-approves-self-other-case"] = (Skip("olga", "OLGA", "anna"), false, HttpStatusCode.BadRequest),
        ["7/operator-with-invisible-character"] = (Skip("ol\u2060ga", "anna", "bert"), false, HttpStatusCode.BadRequest),
    };

    [Theory]
    [MemberData(nameof(OverrideCases))]
    public async Task AnOverrideThatIsNotPlainlyApprovedByOthersIsRefused(string row)
    {
        var (body, keyless, status) = OverrideRows[row];

        using var response = await FailClosedDesk.PostOverrideAsync(keyless ? desk.Keyless : desk.Service, body, FailClosedDesk.ApiKey);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string> DuplicatedFieldBodies => [.. DuplicatedFieldRows.Keys];

    /// <summary>Request bodies naming a field twice (class 3), each with a ticket of its own: read either way, one of them would be recorded.</summary>
    private static readonly Dictionary<string, string> DuplicatedFieldRows = new()
    {
        ["3/body-approvers-twice"] = """{"kind":"skip_health_check","mode":"live","operator":"olga","approvers":["olga","olga"],"approvers":["anna","bert"],"reason":"r","ticket":"FC-3a"}""",
        ["3/body-mode-twice"] = """{"kind":"skip_health_check","mode":"paper","mode":"live","operator":"olga","approvers":["anna","bert"],"reason":"r","ticket":"FC-3b"}""",
        ["3/body-operator-twice"] = """{"kind":"skip_health_check","mode":"live","operator":"anna","operator":"olga","approvers":["anna","bert"],"reason":"r","ticket":"FC-3c"}""",
        ["3/body-mode-twice-in-other-case"] = """{"kind":"skip_health_check","mode":"paper","Mode":"live","operator":"olga","approvers":["anna","bert"],"reason":"r","ticket":"FC-3d"}""",
        ["3/body-ticket-twice"] = """{"kind":"skip_health_check","mode":"live","operator":"olga","approvers":["anna","bert"],"reason":"r","ticket":"FC-3e","ticket":"FC-3f"}""",
    };

    [Theory]
    [MemberData(nameof(DuplicatedFieldBodies))]
    public async Task AnOverrideBodyNamingAFieldTwiceIsA400AndNothingIsRecorded(string row)
    {
        var body = DuplicatedFieldRows[row];
        string[] tickets = [.. System.Text.Json.JsonDocument.Parse(body).RootElement.EnumerateObject().Where(p => p.NameEquals("ticket")).Select(p => p.Value.GetString()!)];

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/overrides", UriKind.Relative)) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", FailClosedDesk.ApiKey);
        using var response = await desk.Service.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var log = await desk.Service.Client.GetStringAsync(new Uri("/overrides?limit=500", UriKind.Relative));
        Assert.All(tickets, ticket => Assert.DoesNotContain(ticket, log, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoDistinctApproversOtherThanTheOperatorAreAccepted()
    {
        using var response = await FailClosedDesk.PostOverrideAsync(desk.Service, Skip("olga", "anna", "bert"), FailClosedDesk.ApiKey);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task AnOverrideBodyOverTheLimitIs413AndNothingIsRecorded()
    {
        var huge = new { kind = "skip_health_check", mode = "live", @operator = "olga", approvers = new[] { "anna", "bert" }, reason = new string('r', 100_000), ticket = "FC-2" };

        using var response = await FailClosedDesk.PostOverrideAsync(desk.Service, huge, FailClosedDesk.ApiKey);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var log = await desk.Service.Client.GetStringAsync(new Uri("/overrides?limit=500", UriKind.Relative));
        Assert.DoesNotContain("FC-2", log, StringComparison.Ordinal);
    }

    private static object Skip(string @operator, params string[] approvers) =>
        new { kind = "skip_health_check", mode = "live", @operator, approvers, reason = "fail-closed row", ticket = "FC-1" };
}
