using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Health;
using HealthGate.Runs;
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
    public async Task AReadinessRunWithNoCheckIsUnhealthyWithReasonNoChecks()
    {
        var report = ReadinessReport.AsPublished(Empty);
        var state = new ReadinessState();
        await state.PublishAsync(Empty);
        var body = await state.AnswerAsync(Now, TimeSpan.FromSeconds(30));

        Assert.Equal(HealthStatus.Unhealthy, Empty.Status);
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal(Reasons.NoChecks, report.Entries[ReadinessReport.PublisherEntry].Data[CheckOutcome.ReasonKey]);
        Assert.Equal(HealthStatus.Unhealthy, ReadinessReport.StatusOf(Empty, Now, TimeSpan.FromSeconds(30)));
        Assert.Equal(503, body.StatusCode);
        var entry = JsonDocument.Parse(body.Utf8).RootElement.GetProperty("entries").GetProperty(ReadinessReport.PublisherEntry);
        Assert.Equal(Reasons.NoChecks, entry.GetProperty("data").GetProperty("reason").GetString());
    }
}
