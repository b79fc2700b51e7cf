using HealthGate.Checks;
using HealthGate.Runs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Preflight;

/// <summary>The verdict rules of the design on check results built directly: no host, no HTTP, first match wins.</summary>
public sealed class VerdictRuleTests
{
    /// <summary>Each row: the checks as "tier:status" and the verdict they give.</summary>
    public static TheoryData<string[], string> Rules => new()
    {
        { [], "P0_FAIL" },
        { ["P0:Healthy", "P1:Healthy", "P2:Healthy"], "PASS" },
        { ["P0:Unhealthy", "P1:Healthy"], "P0_FAIL" },
        { ["P0:Unhealthy", "P1:Unhealthy", "P2:Unhealthy"], "P0_FAIL" },
        { ["P0:Healthy", "P1:Unhealthy", "P2:Unhealthy"], "P1_FAIL" },
        { ["P0:Healthy", "P1:Healthy", "P2:Unhealthy"], "P2_WARN" },
        { ["P0:Degraded", "P1:Healthy"], "P2_WARN" },
        { ["P0:Healthy", "P1:Degraded"], "P2_WARN" },
        { ["P2:Degraded"], "P2_WARN" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void TheFirstMatchingRuleDecides(string[] checks, string expected)
    {
        var results = checks.Select((c, i) => Result($"c{i}", c));

        Assert.Equal(expected, RunVerdict.Decide(results).Token());
    }

    [Theory]
    [InlineData("PASS", 0, true)]
    [InlineData("P0_FAIL", 1, false)]
    [InlineData("P1_FAIL", 2, false)]
    [InlineData("P2_WARN", 3, true)]
    public void EachVerdictHasItsExitCodeAndOnlyPassAndP2WarnAreGo(string token, int exitCode, bool go)
    {
        var verdict = Assert.Single(Enum.GetValues<Verdict>(), v => v.Token() == token);

        Assert.Equal(exitCode, verdict.ExitCode());
        Assert.Equal(go, verdict.IsGo());
    }

    private static CheckResult Result(string name, string tierAndStatus)
    {
        var (tier, status) = (tierAndStatus.Split(':')[0], tierAndStatus.Split(':')[1]);
        return new(name, "http", Enum.Parse<CheckTier>(tier), Enum.Parse<HealthStatus>(status), 1.0, "ok", "", new Dictionary<string, object>());
    }
}
