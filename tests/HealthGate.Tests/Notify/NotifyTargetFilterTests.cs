using HealthGate.Checks;
using HealthGate.Notify;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using static HealthGate.Tests.Notify.NotifyRuns;

namespace HealthGate.Tests.Notify;

public sealed class NotifyTargetFilterTests
{
    private static NotifyMessage CheckMessage(string name, CheckTier tier) =>
        NotifyMessages.CheckFailed("emea", Check(name, tier, HealthStatus.Unhealthy), [], "readiness", T0) with { DedupKey = $"k/{name}" };

    [Fact]
    public void ATargetTakesTheChecksOfItsTiersAndNamesAndVerdictsOnlyWhenItNamesNoChecks()
    {
        var targets = new NotifyTargets(Options.Create(new NotifyOptions
        {
            Targets =
            {
                ["pager"] = new() { Type = "pagerduty", RoutingKey = "r", Tiers = ["P0"] },
                ["db-team"] = new() { Type = "slack", Url = "https://hooks.example/x", Checks = ["db"] },
                ["all"] = new() { Type = "webhook", Url = "https://hook.example/", Secret = "s" },
            },
        }));
        var verdict = NotifyMessages.VerdictNoGo("emea", PreflightOf("live", Check("db", CheckTier.P0, HealthStatus.Unhealthy)).Preflight!, T0);

        Assert.Equal(["all", "db-team", "pager"], targets.EntriesFor(CheckMessage("db", CheckTier.P0)).Select(e => e.Target));
        Assert.Equal(["all", "db-team"], targets.EntriesFor(CheckMessage("db", CheckTier.P1)).Select(e => e.Target));
        Assert.Equal(["all", "pager"], targets.EntriesFor(CheckMessage("feed", CheckTier.P0)).Select(e => e.Target));
        Assert.Equal(["all", "pager"], targets.EntriesFor(verdict).Select(e => e.Target));
        Assert.Empty(targets.EntriesFor(null));
        Assert.All(targets.EntriesFor(CheckMessage("db", CheckTier.P0)), e => Assert.Equal("k/db", e.DedupKey));
    }
}
