using static HealthGate.Tests.Checks.VenueAnswers;

namespace HealthGate.Tests.Checks;

/// <summary>
/// A Statuspage summary is read as a whole: the worst of its indicator, its unresolved incidents, the components
/// that count and its maintenances decides, so a page whose indicator says <c>none</c> beside a component in outage,
/// a major incident or a maintenance window that ends before it starts is never open.
/// </summary>
public sealed class StatuspageConsistencyTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Theory]
    [InlineData("major_outage", "Unhealthy", "venue_outage")]
    [InlineData("partial_outage", "Unhealthy", "venue_outage")]
    [InlineData("under_maintenance", "Unhealthy", "venue_maintenance")]
    [InlineData("degraded_performance", "Degraded", "venue_degraded")]
    [InlineData("operational", "Healthy", "ok")]
    public async Task AComponentDecidesWithTheIndicatorEvenWhenTheIndicatorSaysNone(string componentStatus, string status, string reason)
    {
        var check = await RunAsync(_standIn, "statuspage", Summary("none", withdrawals: componentStatus));

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
        Assert.Equal(2, check.Data("countedComponents").GetInt32());
        if (componentStatus != "operational")
        {
            Assert.Equal(["Withdrawals"], check.Data("componentsNotOperational").Strings());
            Assert.Contains("Withdrawals", check.Description(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("down")]
    [InlineData("Operational")]
    [InlineData("operational ")]
    [InlineData("")]
    public async Task ACountedComponentWithAStatusStatuspageDoesNotDocumentIsInvalidResponse(string componentStatus)
    {
        var check = await RunAsync(_standIn, "statuspage", Summary("none", withdrawals: componentStatus));

        Assert.Equal(("Unhealthy", "invalid_response"), (check.Status(), check.Reason()));
    }

    [Fact]
    public async Task AnOutageOutranksAMajorIndicatorAndAMaintenanceUnderwayOutranksAnOutage()
    {
        var outage = await RunAsync(_standIn, "statuspage", Summary("major", withdrawals: "major_outage"));
        var underway = await RunAsync(_standIn, "statuspage", Summary("none", Maintenance("Upgrade", "in_progress", "2026-12-01T09:00:00Z", null), withdrawals: "major_outage"));

        Assert.Equal("venue_outage", outage.Reason());
        Assert.Equal("venue_maintenance", underway.Reason());
    }

    [Fact]
    public async Task OnlyTheConfiguredComponentsCountButTheIndicatorAlwaysDoes()
    {
        var body = Summary("none", withdrawals: "major_outage");

        var spot = await RunAsync(_standIn, "statuspage", body, o => o.Components = ["Spot trading"]);
        var withdrawals = await RunAsync(_standIn, "statuspage", body, o => o.Components = ["Withdrawals"]);
        var major = await RunAsync(_standIn, "statuspage", Summary("major", withdrawals: "major_outage"), o => o.Components = ["Spot trading"]);

        Assert.Equal(("Healthy", "ok"), (spot.Status(), spot.Reason()));
        Assert.Equal(1, spot.Data("countedComponents").GetInt32());
        Assert.Equal("venue_outage", withdrawals.Reason());
        Assert.Equal(("Unhealthy", "venue_degraded"), (major.Status(), major.Reason()));
    }

    [Fact]
    public async Task AComponentIsMatchedByItsIdAndExactlyByItsName()
    {
        var body = Summary("none", withdrawals: "partial_outage");

        var byId = await RunAsync(_standIn, "statuspage", body, o => o.Components = ["v2r7pdyd6wn6"]);
        var otherCase = await RunAsync(_standIn, "statuspage", body, o => o.Components = ["withdrawals"]);

        Assert.Equal("venue_outage", byId.Reason());
        Assert.Equal("invalid_response", otherCase.Reason());
    }

    [Fact]
    public async Task AConfiguredComponentThePageDoesNotListIsNeverOpen()
    {
        // A renamed or removed component cannot show it is operational: the desk must be told, not pass.
        var check = await RunAsync(_standIn, "statuspage", Summary("none"), o => o.Components = ["Spot trading", "Margin trading"]);

        Assert.Equal(("Unhealthy", "invalid_response"), (check.Status(), check.Reason()));
        Assert.Equal(["Margin trading"], check.Data("componentsMissing").Strings());
        Assert.Contains("Margin trading", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoComponentsOfOneNameBothCount()
    {
        var components = $"[{Component("a1", "API", "operational", groupId: "g-spot")},{Component("a2", "API", "major_outage", groupId: "g-futures")}]";

        var check = await RunAsync(_standIn, "statuspage", Summary("none", components: components), o => o.Components = ["API"]);

        Assert.Equal("venue_outage", check.Reason());
        Assert.Equal(2, check.Data("countedComponents").GetInt32());
    }

    [Theory]
    [InlineData("Spot")] // by the group's name
    [InlineData("g-spot")] // by its id
    public async Task AConfiguredGroupBringsItsMembersSoAGroupShownOperationalCannotHideAMemberInOutage(string entry)
    {
        // The group says operational (its roll-up lags or is wrong); one member says otherwise.
        var components = "[" + string.Join(',',
            Component("g-spot", "Spot", "operational", members: ["m1", "m2"]),
            Component("m1", "Order entry", "operational", groupId: "g-spot"),
            Component("m2", "Matching engine", "major_outage", groupId: "g-spot"),
            Component("w1", "Withdrawals", "operational")) + "]";

        var check = await RunAsync(_standIn, "statuspage", Summary("none", components: components), o => o.Components = [entry]);

        Assert.Equal(("Unhealthy", "venue_outage"), (check.Status(), check.Reason()));
        Assert.Equal(3, check.Data("countedComponents").GetInt32());
        Assert.Equal(["Matching engine"], check.Data("componentsNotOperational").Strings());
    }

    [Fact]
    public async Task AGroupMemberNamedOnlyInTheGroupsListCountsToo()
    {
        var components = "[" + string.Join(',',
            Component("g-spot", "Spot", "operational", members: ["m2"]),
            Component("m2", "Matching engine", "under_maintenance")) + "]";

        var check = await RunAsync(_standIn, "statuspage", Summary("none", components: components), o => o.Components = ["Spot"]);

        Assert.Equal("venue_maintenance", check.Reason());
    }

    [Fact]
    public async Task ByDefaultEveryComponentCountsGroupsAndMembersAlike()
    {
        var components = "[" + string.Join(',',
            Component("g-spot", "Spot", "operational", members: ["m1"]),
            Component("m1", "Order entry", "partial_outage", groupId: "g-spot")) + "]";

        var check = await RunAsync(_standIn, "statuspage", Summary("none", components: components));

        Assert.Equal("venue_outage", check.Reason());
    }

    [Theory]
    [InlineData("no-id", """[{"name":"Spot trading","status":"operational"}]""")]
    [InlineData("no-status", """[{"id":"a","name":"Spot trading"}]""")]
    [InlineData("status-number", """[{"id":"a","name":"Spot trading","status":0}]""")]
    [InlineData("group-string", """[{"id":"a","name":"Spot trading","status":"operational","group":"true"}]""")]
    [InlineData("group-id-number", """[{"id":"a","name":"Spot trading","status":"operational","group_id":7}]""")]
    [InlineData("members-not-ids", """[{"id":"a","name":"Spot","status":"operational","group":true,"components":[{"id":"b"}]}]""")]
    [InlineData("entry-not-object", """["Spot trading"]""")]
    [InlineData("components-object", """{"a":{"id":"a","name":"Spot trading","status":"operational"}}""")]
    public async Task AComponentListThatIsNotTheDocumentedShapeIsInvalidResponse(string name, string components)
    {
        var check = await RunAsync(_standIn, "statuspage", Summary("none", components: components));

        Assert.True((check.Status(), check.Reason()) == ("Unhealthy", "invalid_response"), $"{name}: {check}");
    }

    [Fact]
    public async Task ASummaryWithoutItsComponentsOrIncidentsIsInvalidResponse()
    {
        var noComponents = await RunAsync(_standIn, "statuspage", """{"status":{"indicator":"none"},"incidents":[],"scheduled_maintenances":[]}""");
        var noIncidents = await RunAsync(_standIn, "statuspage", """{"status":{"indicator":"none"},"components":[],"scheduled_maintenances":[]}""");

        Assert.Equal("invalid_response", noComponents.Reason());
        Assert.Equal("invalid_response", noIncidents.Reason());
    }

    [Theory]
    [InlineData("investigating", "critical", "Unhealthy", "venue_degraded")]
    [InlineData("identified", "major", "Unhealthy", "venue_degraded")]
    [InlineData("monitoring", "major", "Unhealthy", "venue_degraded")]
    [InlineData("investigating", "minor", "Degraded", "venue_degraded")]
    [InlineData("investigating", "maintenance", "Unhealthy", "venue_maintenance")]
    [InlineData("investigating", "none", "Healthy", "ok")]
    [InlineData("resolved", "critical", "Healthy", "ok")]
    [InlineData("postmortem", "major", "Healthy", "ok")]
    [InlineData("investigating", "severe", "Unhealthy", "invalid_response")]
    public async Task AnUnresolvedIncidentWeighsLikeTheIndicatorItIsPartOf(string incidentStatus, string impact, string status, string reason)
    {
        var check = await RunAsync(_standIn, "statuspage", Summary("none", incidents: $"[{Incident("Order rejections", incidentStatus, impact)}]"));

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
    }

    [Theory]
    [InlineData("scheduled", "2026-12-01T11:00:00Z", "2026-12-01T09:00:00Z")] // would read as "its window is past"
    [InlineData("scheduled", "2026-12-01T09:30:00Z", "2026-12-01T09:29:59.999Z")]
    [InlineData("in_progress", "2026-12-01T09:00:00Z", "2026-12-01T08:00:00Z")]
    [InlineData("completed", "2026-12-01T09:00:00Z", "2026-12-01T08:00:00Z")]
    public async Task AMaintenanceThatEndsBeforeItStartsIsInvalidResponse(string maintenanceStatus, string startsAt, string endsAt)
    {
        var check = await RunAsync(_standIn, "statuspage", Summary("none", Maintenance("Matching engine upgrade", maintenanceStatus, startsAt, endsAt)));

        Assert.Equal(("Unhealthy", "invalid_response"), (check.Status(), check.Reason()));
        Assert.Contains("before it starts", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AZeroLengthMaintenanceThatIsOverLeavesTheVenueOpen()
    {
        var check = await RunAsync(_standIn, "statuspage", Summary("none", Maintenance("Noop", "scheduled", "2026-12-01T09:00:00Z", "2026-12-01T09:00:00Z")));

        Assert.Equal(("Healthy", "ok"), (check.Status(), check.Reason()));
    }

    [Theory]
    [InlineData("2026-11-01T00:00:00.000Z", "Healthy", "ok")] // a quiet page is not a stale answer
    [InlineData("2026-12-01T10:02:00.000Z", "Healthy", "ok")]
    [InlineData("2026-12-01T10:02:00.001Z", "Unhealthy", "stale_status")] // ahead of the gate's clock
    [InlineData("2099-01-01T00:00:00.000Z", "Unhealthy", "stale_status")]
    [InlineData("yesterday", "Unhealthy", "invalid_response")]
    [InlineData("2026-12-01T09:58:12", "Unhealthy", "invalid_response")]
    public async Task ThePagesLastUpdateMayBeOldButNotAheadOfTheGatesClock(string updatedAt, string status, string reason)
    {
        var check = await RunAsync(_standIn, "statuspage", Summary("none", updatedAt: updatedAt));

        Assert.Equal((status, reason), (check.Status(), check.Reason()));
    }
}
