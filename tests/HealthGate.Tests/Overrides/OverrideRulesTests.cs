using HealthGate.Checks;
using HealthGate.Overrides;
using HealthGate.Runs;
using HealthGate.Tests.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Overrides;

/// <summary>The override rules on their own: input to decision, no store and no HTTP.</summary>
public sealed class OverrideRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("P0", OpLogKinds.ForceStart, "live", "P0_FAIL: P0 checks have no override", true)]
    [InlineData("P0", OpLogKinds.SkipHealthCheck, "live", "P0_FAIL: P0 checks have no override", true)]
    [InlineData("P1", OpLogKinds.ForceStart, "paper", "is a 'live' run, not 'paper'", false)]
    [InlineData("P2", OpLogKinds.ForceStart, "live", "force_start overrides only a P1_FAIL", false)]
    public void ARunThatForbidsTheOverrideSaysWhyAndWhetherTheAttemptIsRecorded(string failing, string kind, string mode, string cause, bool recorded)
    {
        var run = TestRuns.Run("live", At, TestRuns.Check("risk", Enum.Parse<CheckTier>(failing), HealthStatus.Unhealthy, "ess_active"));

        var conflict = OverrideRules.Conflict(kind, mode, run);

        Assert.NotNull(conflict);
        Assert.Contains(cause, conflict.Value.Cause, StringComparison.Ordinal);
        Assert.Equal(recorded, conflict.Value.Recorded);
    }

    [Theory]
    [InlineData(OpLogKinds.ForceStart)]
    [InlineData(OpLogKinds.SkipHealthCheck)]
    public void AP1FailOfTheSameModeOrNoRunAtAllForbidsNothing(string kind)
    {
        var run = TestRuns.Run("live", At, TestRuns.Check("venue", CheckTier.P1, HealthStatus.Unhealthy, "maintenance"));

        Assert.Null(OverrideRules.Conflict(kind, "live", run));
        Assert.Null(OverrideRules.Conflict(kind, "live", run: null));
    }

    [Fact]
    public void TheEntryCarriesTheRunsFailuresAndTheDecision()
    {
        var run = TestRuns.Run("live", At, TestRuns.Check("venue", CheckTier.P1, HealthStatus.Unhealthy, "maintenance"));
        var request = new OverrideRequest(OpLogKinds.ForceStart, "live", RunId: null, Operator: " alice ", Approvers: ["bob"], Reason: "venue window", Ticket: " ");

        var accepted = OverrideRules.Entry(request, OpLogKinds.ForceStart, "live", run, accepted: true, apiKeyName: "desk");
        var refused = OverrideRules.Entry(request, OpLogKinds.ForceStart, "live", run, accepted: false, apiKeyName: null);

        Assert.Equal((OpLogDecisions.Proceed, "alice", (string?)null, "desk", run.RunId), (accepted.Decision, accepted.Operator, accepted.Ticket, accepted.ApiKeyName, accepted.RunId));
        Assert.Equal(OpLogDecisions.Refused, refused.Decision);
        Assert.Equal([new OpLogFailure("venue", "P1", "maintenance")], accepted.Failures);
    }
}
