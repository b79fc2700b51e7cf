using HealthGate.Tests.Infrastructure;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Notify;

/// <summary>A message the target refused before a restart is delivered after it, from the reopened SQLite store, once.</summary>
public sealed class OutboxDurabilityTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    [Fact]
    public async Task AnUndeliveredMessageSurvivesARestartAndIsDeliveredOnceWithoutANewTransition()
    {
        using var data = new TempDirectory();
        var prefix = $"/{Guid.NewGuid():N}";
        fixture.StandIn.Respond(prefix + "/core", 503, "down");
        (string, object?)[] settings =
        [
            .. Check("core", "http", "P0", ("Url", fixture.StandIn.Url(prefix + "/core"))),
            ("Storage:ConnectionString", $"Data Source={Path.Combine(data.Path, "gate.db")}"),
            ("Notify:Targets:hook:Type", "webhook"),
            ("Notify:Targets:hook:Url", fixture.StandIn.Url(prefix + "/hook")),
            ("Notify:Targets:hook:Secret", "s3cret-hook"),
            ("Notify:Targets:hook:Checks:0", "core"),
        ];
        var down = new Receiver(fixture.StandIn, prefix + "/hook");
        down.Script([.. Enumerable.Repeat("500", 1000)]);

        using (var logs = new CapturingLoggerProvider())
        {
            await using var first = HealthGateApplication.With(settings);
            await using var logged = first.CapturingLogs(logs);
            using var client = logged.CreateClient();
            await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
            await NotifyScenario.WaitAsync(() => logs.WithEventId(12002).Count > 0, "a failed attempt recorded for a retry");
        }

        Assert.Empty(down.Accepted);
        Assert.NotEmpty(down.All);
        var up = new Receiver(fixture.StandIn, prefix + "/hook");
        await using var second = HealthGateApplication.With(settings);
        using var secondClient = second.CreateClient();
        await NotifyScenario.WaitAsync(() => up.Accepted.Count >= 1, "the message delivered after the restart", seconds: 30);
        await secondClient.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        fixture.StandIn.Respond(prefix + "/core", 200, "ok");
        await secondClient.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        await NotifyScenario.WaitAsync(() => up.Accepted.Count >= 2, "the recovery delivered");

        // A second trigger for the same failure would have come before the recovery.
        Assert.Equal(
            ["healthgate/default/check:core/1/trigger", "healthgate/default/check:core/2/resolve"],
            up.Accepted.Select(r => r.Headers["X-HealthGate-Dedup-Key"]));
    }
}
