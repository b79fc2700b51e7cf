using HealthGate.Checks;
using HealthGate.Health;
using HealthGate.Preflight;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.FailClosed;

/// <summary>Class 1 below the start-up refusal: should a run ever hold no check, every reader of it says NO-GO.</summary>
public sealed class EmptyGateRulesTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly CheckRun Empty = new(Now, TimeSpan.FromMilliseconds(1), []);

    [Fact]
    public void ARunWithNoCheckIsP0FailWithReasonNoChecks()
    {
        var run = PreflightRun.From("01JEMPTY", "live", Empty);

        Assert.Equal(Verdict.P0Fail, run.Verdict);
        Assert.Equal(1, run.ExitCode);
        Assert.False(run.Verdict.IsGo());
        Assert.Equal(Reasons.NoChecks, run.Reason);
        Assert.Equal(0, run.Summary.Total);
    }

    [Fact]
    public void AReadinessRunWithNoCheckIsUnhealthyWithReasonNoChecks()
    {
        var response = ReadinessResponse.From(Empty, Now, TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Unhealthy, Empty.Status);
        Assert.Equal(HealthStatus.Unhealthy, response.Status);
        Assert.Equal(Reasons.NoChecks, response.Entries[ReadinessResponse.PublisherEntry].Data[CheckOutcome.ReasonKey]);
        Assert.Equal(HealthStatus.Unhealthy, ReadinessResponse.StatusOf(Empty, Now, TimeSpan.FromSeconds(30)));
    }
}
