using HealthGate.Checks;
using static HealthGate.Tests.Checks.VenueAnswers;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// Status answers that would read as "open" or "loaded" if taken at their word, through the real service process
/// (docs/fail-closed.md sections 13 and 18): an answer from another time, a page contradicting itself, an alert rule
/// Prometheus does not evaluate. Every row is NO-GO on its own check with every other check Healthy; rows are keyed
/// "class/case".
/// </summary>
public sealed class VenueAnswerRows(VenueAnswerDesk desk) : IClassFixture<VenueAnswerDesk>
{
    /// <summary>A row: the check it breaks, the answer (made at the request's moment), an HTTP Date shift, an HTTP Age, the reason.</summary>
    private static readonly Dictionary<string, (string Check, Func<DateTimeOffset, string> Body, TimeSpan? DateShift, string? Age, string Reason)> Rows = new()
    {
        ["13/kraken-online-from-2019"] = ("kraken", _ => Kraken("online", "\"2019-06-01T00:00:00Z\""), null, null, Reasons.StaleStatus),
        ["13/kraken-online-from-2099"] = ("kraken", _ => Kraken("online", "\"2099-06-01T00:00:00Z\""), null, null, Reasons.StaleStatus),
        ["13/kraken-online-ten-minutes-old"] = ("kraken", now => Kraken("online", now.AddMinutes(-10)), null, null, Reasons.StaleStatus),
        ["13/kraken-online-ten-minutes-ahead"] = ("kraken", now => Kraken("online", now.AddMinutes(10)), null, null, Reasons.StaleStatus),
        ["13/kraken-online-without-timestamp"] = ("kraken", _ => Kraken("online", (string?)null), null, null, Reasons.InvalidResponse),
        ["13/kraken-online-timestamp-without-offset"] = ("kraken", now => Kraken("online", $"\"{now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}\""), null, null, Reasons.InvalidResponse),
        ["13/kraken-online-unix-timestamp"] = ("kraken", now => Kraken("online", now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), null, null, Reasons.InvalidResponse),
        ["13/kraken-online-fresh-stamp-cached-an-hour"] = ("kraken", now => Kraken("online", now), null, "3600", Reasons.StaleStatus),
        ["13/binance-normal-cached-an-hour"] = ("binance", _ => """{"status":0,"msg":"normal"}""", null, "3600", Reasons.StaleStatus),
        ["13/binance-normal-dated-yesterday"] = ("binance", _ => """{"status":0,"msg":"normal"}""", TimeSpan.FromDays(-1), null, Reasons.StaleStatus),
        ["13/binance-normal-dated-ahead"] = ("binance", _ => """{"status":0,"msg":"normal"}""", TimeSpan.FromMinutes(10), null, Reasons.StaleStatus),
        ["13/binance-normal-age-not-a-number"] = ("binance", _ => """{"status":0,"msg":"normal"}""", null, "-5", Reasons.InvalidResponse),
        ["13/statuspage-none-component-major-outage"] = ("statuspage", _ => Summary("none", withdrawals: "major_outage"), null, null, Reasons.VenueOutage),
        ["13/statuspage-none-component-partial-outage"] = ("statuspage", _ => Summary("none", withdrawals: "partial_outage"), null, null, Reasons.VenueOutage),
        ["13/statuspage-none-component-under-maintenance"] = ("statuspage", _ => Summary("none", withdrawals: "under_maintenance"), null, null, Reasons.VenueMaintenance),
        ["13/statuspage-none-component-status-unknown"] = ("statuspage", _ => Summary("none", withdrawals: "halted"), null, null, Reasons.InvalidResponse),
        ["13/statuspage-none-group-operational-member-down"] = ("statuspage", _ => Summary("none", components: GroupWithMemberDown), null, null, Reasons.VenueOutage),
        ["13/statuspage-none-critical-incident"] = ("statuspage", _ => Summary("none", incidents: $"[{Incident("Matching halted", "identified", "critical")}]"), null, null, Reasons.VenueDegraded),
        ["13/statuspage-maintenance-ends-before-it-starts"] = ("statuspage", now => Summary("none", Reversed(now)), null, null, Reasons.InvalidResponse),
        ["13/statuspage-none-without-components"] = ("statuspage", _ => """{"status":{"indicator":"none"},"incidents":[],"scheduled_maintenances":[]}""", null, null, Reasons.InvalidResponse),
        ["13/statuspage-none-cached-an-hour"] = ("statuspage", _ => Summary("none"), null, "3600", Reasons.StaleStatus),
        ["13/statuspage-none-dated-an-hour-ago"] = ("statuspage", _ => Summary("none"), TimeSpan.FromHours(-1), null, Reasons.StaleStatus),
        ["13/statuspage-page-updated-in-the-future"] = ("statuspage", now => Summary("none", updatedAt: Timestamps.ToText(now.AddHours(1))), null, null, Reasons.StaleStatus),
        ["18/alert-rule-health-err"] = ("alerts", _ => VenueAnswerDesk.Rules("\"err\""), null, null, Reasons.AlertRuleUnhealthy),
        ["18/alert-rule-never-evaluated"] = ("alerts", _ => VenueAnswerDesk.Rules("\"unknown\""), null, null, Reasons.AlertRuleUnhealthy),
        ["18/alert-rule-health-upper-case"] = ("alerts", _ => VenueAnswerDesk.Rules("\"OK\""), null, null, Reasons.AlertRuleUnhealthy),
        ["18/alert-rule-without-health"] = ("alerts", _ => VenueAnswerDesk.Rules(null), null, null, Reasons.InvalidResponse),
        ["18/alert-rule-health-null"] = ("alerts", _ => VenueAnswerDesk.Rules("null"), null, null, Reasons.InvalidResponse),
    };

    private static readonly string GroupWithMemberDown = "[" + string.Join(',',
        Component("g-spot", "Spot", "operational", members: ["m1", "m2"]),
        Component("m1", "Order entry", "operational", groupId: "g-spot"),
        Component("m2", "Matching engine", "major_outage", groupId: "g-spot")) + "]";

    public static TheoryData<string> Answers => [.. Rows.Keys];

    [Fact]
    public async Task TheDeskPassesWhenEveryAnswerIsFreshAndOpenSoEveryNoGoBelowIsTheRowsDoing()
    {
        desk.SetHealthy();

        var live = await desk.PreflightAsync("live");

        live.AssertPass();
        Assert.Equal(5, live.Json.GetProperty("summary").GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task AnAnswerThatIsNotFreshAndConsistentIsNoGo(string row)
    {
        var (check, body, dateShift, age, reason) = Rows[row];
        desk.SetHealthy();
        desk.Answer(check, body, dateShift, age);

        var run = await desk.PreflightAsync("live");

        run.AssertNoGo("P1_FAIL");
        var failed = run.Check(check);
        Assert.True(failed.GetProperty("reason").GetString() == reason, failed.GetRawText());
        Assert.All(VenueAnswerDesk.Checks.Where(c => c != check), other => Assert.Equal("Healthy", run.Check(other).GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("13/statuspage-none-component-degraded", "degraded_performance")]
    [InlineData("13/statuspage-minor-nothing-else", null)]
    public async Task ADegradedVenueIsAWarningNeverAPass(string row, string? component)
    {
        desk.SetHealthy();
        desk.Answer("statuspage", _ => component is null ? Summary("minor") : Summary("none", withdrawals: component));

        var run = await desk.PreflightAsync("live");

        Assert.True(run.Verdict == "P2_WARN", $"{row}: {run.Json.GetRawText()}");
        Assert.Equal(3, run.Json.GetProperty("exitCode").GetInt32());
        Assert.Equal("venue_degraded", run.Check("statuspage").GetProperty("reason").GetString());
    }

    private static string Reversed(DateTimeOffset now) =>
        Maintenance("Matching engine upgrade", "scheduled", Timestamps.ToText(now.AddMinutes(-30)), Timestamps.ToText(now.AddMinutes(-90)));
}
