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
