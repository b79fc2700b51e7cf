using HealthGate.Dashboard;

namespace HealthGate.Tests.Dashboard;

/// <summary>The per-check history: bounded, in time order whatever the arrival order, each preflight once; uptime by the hour.</summary>
public sealed class CheckTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ThousandsOfRunsKeepOnlyTheNewestResultsNewestFirst()
    {
        var timeline = new CheckTimeline(CheckHistory.Capacity);
        for (var i = 0; i < 5000; i++)
        {
            timeline.Add(Entry(T0.AddSeconds(i), i % 10 == 0 ? CheckStatuses.Unhealthy : CheckStatuses.Healthy));
        }

        var newest = timeline.Newest(500);

        Assert.Equal(CheckHistory.Capacity, newest.Count);
        Assert.Equal(T0.AddSeconds(4999), newest[0].At);
        Assert.Equal(T0.AddSeconds(4999 - CheckHistory.Capacity + 1), newest[^1].At);
        Assert.Equal(newest.Select(e => e.At).OrderDescending(), newest.Select(e => e.At));
    }

    [Fact]
    public void AResultReportedLateTakesItsPlaceInTimeAndDoesNotBecomeTheLatest()
    {
        var timeline = new CheckTimeline(10);
        timeline.Add(Entry(T0.AddSeconds(10), CheckStatuses.Healthy));
        timeline.Add(Entry(T0.AddSeconds(5), CheckStatuses.Unhealthy));

        Assert.Equal(T0.AddSeconds(10), timeline.Latest!.At);
        Assert.Equal([T0.AddSeconds(10), T0.AddSeconds(5)], timeline.Newest(10).Select(e => e.At));
    }

    [Fact]
    public void TheSamePreflightSeenLiveAndInTheStoreIsKeptOnce()
    {
        var timeline = new CheckTimeline(10);

        Assert.True(timeline.Add(Entry(T0, CheckStatuses.Healthy, "run-1")));
        Assert.False(timeline.Add(Entry(T0, CheckStatuses.Healthy, "run-1")));
        Assert.True(timeline.Add(Entry(T0, CheckStatuses.Healthy, "run-2")));
        Assert.Equal(2, timeline.Newest(10).Count);
        Assert.Equal((2, 2), timeline.Uptime.Count(T0));
    }

    [Fact]
    public void UptimeCountsTheLast24HoursAndForgetsOlderOnes()
    {
        var uptime = new UptimeWindow();
        uptime.Add(T0, up: false);
        uptime.Add(T0.AddHours(1), up: true);
        uptime.Add(T0.AddHours(1), up: true);
        uptime.Add(T0.AddHours(1).AddMinutes(30), up: false);

        Assert.Equal((2, 4), uptime.Count(T0.AddHours(2)));
        Assert.Equal((2, 3), uptime.Count(T0.AddHours(24)));
        Assert.Equal((0, 0), uptime.Count(T0.AddHours(26)));

        // A day later the slot of hour 0 is reused, not added to.
        uptime.Add(T0.AddHours(24), up: true);
        Assert.Equal((3, 4), uptime.Count(T0.AddHours(24)));
    }

    private static CheckHistoryEntry Entry(DateTimeOffset at, string status, string? runId = null) =>
        new(status, status == CheckStatuses.Healthy ? "ok" : "unreachable", "d", 1.0, at, runId is null ? CheckHistoryEntry.Readiness : CheckHistoryEntry.Preflight, RunId: runId);
}
