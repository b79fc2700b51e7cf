using HealthGate.Checks;
using HealthGate.Runs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Checks;

/// <summary><c>blockedBy</c> over the results of one run, built directly: which dependency blocks, and which does not.</summary>
public sealed class CheckBlockingTests
{
    [Fact]
    public void ACheckWhoseDependencyIsUnhealthyIsBlockedByItAndKeepsItsOwnStatus()
    {
        var results = Apply(
            Result("postgres", CheckTier.P0, HealthStatus.Unhealthy),
            Result("api", CheckTier.P1, HealthStatus.Unhealthy, "postgres"));

        Assert.Equal(["postgres"], Named(results, "api").BlockedBy);
        Assert.Empty(Named(results, "postgres").BlockedBy);
        Assert.Equal(HealthStatus.Unhealthy, Named(results, "api").Status);
    }

    [Fact]
    public void ABlockedCheckNamesTheRootCauseNotTheBlockedDependencyBetween()
    {
        var results = Apply(
            Result("execution", CheckTier.P1, HealthStatus.Unhealthy, "api"),
            Result("api", CheckTier.P1, HealthStatus.Unhealthy, "postgres"),
            Result("postgres", CheckTier.P0, HealthStatus.Unhealthy));

        Assert.Equal(["postgres"], Named(results, "execution").BlockedBy);
        Assert.Equal(["postgres"], Named(results, "api").BlockedBy);
    }

    [Fact]
    public void EveryRootCauseIsNamedOnceInNameOrder()
    {
        var results = Apply(
            Result("execution", CheckTier.P1, HealthStatus.Unhealthy, "risk", "api"),
            Result("api", CheckTier.P1, HealthStatus.Unhealthy, "redis", "postgres"),
            Result("risk", CheckTier.P1, HealthStatus.Unhealthy, "postgres"),
            Result("postgres", CheckTier.P0, HealthStatus.Unhealthy),
            Result("redis", CheckTier.P0, HealthStatus.Unhealthy));

        Assert.Equal(["postgres", "redis"], Named(results, "execution").BlockedBy);
    }

    [Fact]
    public void AnUnhealthyDependencyBeyondAHealthyOneBlocksOnlyTheHealthyOne()
    {
        // The contract: a check with an Unhealthy dependency carries blockedBy whatever its own status.
        var results = Apply(
            Result("execution", CheckTier.P1, HealthStatus.Unhealthy, "api"),
            Result("api", CheckTier.P1, HealthStatus.Healthy, "postgres"),
            Result("postgres", CheckTier.P0, HealthStatus.Unhealthy));

        Assert.Equal(["postgres"], Named(results, "api").BlockedBy);
        Assert.Empty(Named(results, "execution").BlockedBy);
    }

    [Fact]
    public void AHealthyDependencyBlocksNothing()
    {
        var results = Apply(
            Result("postgres", CheckTier.P0, HealthStatus.Healthy),
            Result("api", CheckTier.P1, HealthStatus.Unhealthy, "postgres"));

        Assert.All(results, r => Assert.Empty(r.BlockedBy));
    }

    [Fact]
    public void ADegradedDependencyBlocksNothing()
    {
        var results = Apply(
            Result("risk", CheckTier.P0, HealthStatus.Degraded),
            Result("api", CheckTier.P1, HealthStatus.Unhealthy, "risk"));

        Assert.All(results, r => Assert.Empty(r.BlockedBy));
    }

    [Fact]
    public void ADependencyTheRunDidNotIncludeBlocksNothing()
    {
        // As in paper mode (P0 only): the P1 dependency is not in the run, so nothing of this run says it is down.
        var results = Apply(Result("api", CheckTier.P0, HealthStatus.Unhealthy, "feed"));

        Assert.Empty(Assert.Single(results).BlockedBy);
    }

    [Fact]
    public void NamesMatchIgnoringCaseAndTheVerdictIsTheSameAsWithoutDependencies()
    {
        var checks = new[]
        {
            Result("Postgres", CheckTier.P1, HealthStatus.Unhealthy),
            Result("api", CheckTier.P0, HealthStatus.Unhealthy, "POSTGRES"),
            Result("disk", CheckTier.P2, HealthStatus.Healthy),
        };

        var results = Apply(checks);

        Assert.Equal(["Postgres"], Named(results, "api").BlockedBy);
        Assert.Equal(Verdict.P0Fail, RunVerdict.Decide(results));
        Assert.Equal(RunVerdict.Decide(checks.Select(c => c with { DependsOn = [] })), RunVerdict.Decide(results));
        Assert.Equal(checks.Select(c => (c.Name, c.Status)), results.Select(c => (c.Name, c.Status)));
    }

    private static IReadOnlyList<CheckResult> Apply(params CheckResult[] results) => CheckBlocking.Apply(results);

    private static CheckResult Named(IEnumerable<CheckResult> results, string name) => results.Single(r => r.Name == name);

    private static CheckResult Result(string name, CheckTier tier, HealthStatus status, params string[] dependsOn) =>
        new(name, "http", tier, status, 1, status == HealthStatus.Healthy ? "ok" : "unreachable", name, new Dictionary<string, object>())
        {
            DependsOn = dependsOn,
        };
}
