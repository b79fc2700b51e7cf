using HealthGate.Checks;
using HealthGate.History;
using HealthGate.Tests.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.History;

public sealed class RunReportTests
{
    [Fact]
    public void PipesAndLineBreaksInCheckTextDoNotBreakTheTable()
    {
        var check = TestRuns.Check("feed", CheckTier.P1, HealthStatus.Unhealthy, "unreachable") with { Description = "a|b\nc" };
        var run = TestRuns.Run("live", DateTimeOffset.UnixEpoch, check);

        var report = RunReport.Markdown(run);

        var row = Assert.Single(report.Split('\n'), l => l.StartsWith("| feed ", StringComparison.Ordinal));
        Assert.EndsWith(@"| a\|b c |", row, StringComparison.Ordinal);
        Assert.Contains("NO-GO", report, StringComparison.Ordinal);
    }

    [Fact]
    public void RootCausesComeFirstAndEachBlockedCheckSaysWhatBlocksIt()
    {
        var run = TestRuns.Run(
            "live",
            DateTimeOffset.UnixEpoch,
            TestRuns.Check("api", CheckTier.P0, HealthStatus.Unhealthy, "unexpected_status") with { DependsOn = ["zeta-db"], BlockedBy = ["zeta-db"] },
            TestRuns.Check("execution", CheckTier.P1, HealthStatus.Unhealthy, "unreachable") with { DependsOn = ["api"], BlockedBy = ["zeta-db"] },
            TestRuns.Check("disk", CheckTier.P2, HealthStatus.Healthy),
            TestRuns.Check("zeta-db", CheckTier.P1, HealthStatus.Unhealthy, "unreachable"));

        var report = RunReport.Markdown(run);

        var rows = report.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).Select(l => l.Split('|')[1].Trim());
        Assert.Equal(["zeta-db", "disk", "api", "execution"], rows);
        Assert.Contains("- **Root cause:** zeta-db (blocks api, execution)\n", report, StringComparison.Ordinal);
        Assert.Contains("| api | P0 | http | Unhealthy (blocked by zeta-db) |", report, StringComparison.Ordinal);
        Assert.Contains("P0_FAIL", report, StringComparison.Ordinal);
    }

    [Fact]
    public void ChecksAreListedByTierThenName()
    {
        var run = TestRuns.Run(
            "live",
            DateTimeOffset.UnixEpoch,
            TestRuns.Check("zeta", CheckTier.P2, HealthStatus.Healthy),
            TestRuns.Check("beta", CheckTier.P0, HealthStatus.Healthy),
            TestRuns.Check("alpha", CheckTier.P1, HealthStatus.Healthy));

        var rows = RunReport.Markdown(run).Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1).Select(l => l.Split('|')[1].Trim());

        Assert.Equal(["beta", "alpha", "zeta"], rows);
    }
}
