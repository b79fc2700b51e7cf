using System.Text;

namespace HealthGate.Tests.Notify;

/// <summary>
/// Delivery against a target that answers 429 and 500, drops the connection and hangs: every message arrives, none
/// twice under its dedup key, in order, and no preflight waits for it.
/// </summary>
public sealed class NotifyDeliveryTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static (string Key, object? Value)[] Webhook(string name, string url) =>
        [($"Notify:Targets:{name}:Type", "webhook"), ($"Notify:Targets:{name}:Url", url), ($"Notify:Targets:{name}:Secret", "s3cret-hook")];

    private static string Key(Receiver.Received r) => r.Headers["X-HealthGate-Dedup-Key"];

    [Fact]
    public async Task ATargetAnswering429And500AndDroppingTheConnectionGetsEveryMessageOnceInOrder()
    {
        var prefix = $"/{Guid.NewGuid():N}";
        await using var gate = new NotifyScenario(fixture.StandIn, Webhook("hook", fixture.StandIn.Url(prefix + "/hook")));
        var hook = new Receiver(fixture.StandIn, prefix + "/hook");
        hook.Script("429", "500", "drop");

        await gate.PreflightAsync(healthy: false);
        await gate.PreflightAsync(healthy: true);
        await NotifyScenario.WaitAsync(() => hook.Accepted.Count >= 4, "four messages accepted", seconds: 30);

        var keys = hook.Accepted.Select(Key).ToList();
        Assert.Equal(["429", "500", "drop"], hook.All.Take(3).Select(r => r.Answer));
        Assert.Equal(keys.Distinct(StringComparer.Ordinal), keys);
        Assert.Equal(
            ["healthgate/default/check:core/1/trigger", "healthgate/default/check:core/2/resolve", "healthgate/default/verdict:live/1/trigger", "healthgate/default/verdict:live/2/resolve"],
            keys.Order(StringComparer.Ordinal));
        Assert.True(keys.IndexOf("healthgate/default/check:core/1/trigger") < keys.IndexOf("healthgate/default/check:core/2/resolve"), string.Join(", ", keys));

        // The retried message is the same bytes, so the receiver can drop a repeat by its key.
        Assert.Equal(Encoding.UTF8.GetString(hook.All[0].Body), Encoding.UTF8.GetString(hook.Accepted.First(r => Key(r) == Key(hook.All[0])).Body));
        var retried = await Exposition.ScrapeAsync(gate.Client);
        Assert.Contains("healthgate_notifications_total{target=\"hook\",outcome=\"retry\"} 3", retried, StringComparison.Ordinal);
        await NotifyScenario.WaitAsync(() => hook.Accepted.Count == 4, "still four after the retries");
    }

    [Fact]
    public async Task APreflightDoesNotWaitForAHangingTargetAndTheOtherTargetsAreNotDelayed()
    {
        var prefix = $"/{Guid.NewGuid():N}";
        await using var gate = new NotifyScenario(
            fixture.StandIn,
            [.. Webhook("stuck", fixture.StandIn.Url(prefix + "/stuck")), .. Webhook("fine", fixture.StandIn.Url(prefix + "/fine"))]);
        var stuck = new Receiver(fixture.StandIn, prefix + "/stuck");
        var fine = new Receiver(fixture.StandIn, prefix + "/fine");
        var baseline = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            baseline.Add(await gate.PreflightAsync(healthy: true));
        }

        stuck.Script("hang", "hang", "hang");
        await gate.PreflightAsync(healthy: false);
        await NotifyScenario.WaitAsync(() => stuck.All.Count >= 1 && fine.Accepted.Count >= 2, "the stuck target hanging and the fine one served");
        var during = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            during.Add(await gate.PreflightAsync(healthy: i % 2 == 1));
        }

        await NotifyScenario.WaitAsync(() => fine.Accepted.Count >= 8, "the fine target served every transition while the other hangs");
        var stuckMeanwhile = stuck.Accepted.Count;

        // Each transition is one check message and one verdict message: fail, ok, fail, ok.
        Assert.Equal(0, stuckMeanwhile);
        Assert.True(during.Max() < TimeSpan.FromSeconds(1), $"preflights took {string.Join(", ", during)} while a target hung (baseline {string.Join(", ", baseline)})");
        Assert.True(during.Max() < baseline.Max() + TimeSpan.FromMilliseconds(500), $"{string.Join(", ", during)} vs {string.Join(", ", baseline)}");

        await NotifyScenario.WaitAsync(() => stuck.Accepted.Count >= fine.Accepted.Count, "the stuck target catching up", seconds: 40);
        var keys = stuck.Accepted.Select(Key).ToList();
        Assert.Equal(keys.Distinct(StringComparer.Ordinal), keys);
        Assert.Equal(fine.Accepted.Select(Key), keys);
    }
}
