using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Notify;

/// <summary>Two replicas of one desk on PostgreSQL both see a failure and its recovery: the target gets each message once.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicaNotifyTests(PostgresServer server)
{
    [Fact]
    public async Task TwoReplicasSeeingOneTransitionSendItOnce()
    {
        await using var standIn = new HttpStandIn();
        await standIn.InitializeAsync();
        var connectionString = await server.CreateDatabaseAsync();
        (string, object?)[] settings =
        [
            ("Storage:Provider", "postgres"),
            ("Storage:ConnectionString", connectionString),
            ("Notify:Targets:hook:Type", "webhook"),
            ("Notify:Targets:hook:Url", standIn.Url("/hook")),
            ("Notify:Targets:hook:Secret", "s3cret-hook"),
        ];
        await using var a = new NotifyScenario(standIn, settings);
        await using var b = new NotifyScenario(standIn, settings);
        var hook = new Receiver(standIn, "/hook");

        // Each scenario has its own check path; both turn theirs the same way, so each replica sees the transition.
        await Task.WhenAll(a.PreflightAsync(healthy: false), b.PreflightAsync(healthy: false));
        await NotifyScenario.WaitAsync(() => hook.Accepted.Count >= 2, "the failure sent");
        await Task.WhenAll(a.PreflightAsync(healthy: true), b.PreflightAsync(healthy: true));
        await NotifyScenario.WaitAsync(() => hook.Accepted.Count >= 4, "the recovery sent");
        await a.PreflightAsync(healthy: true);
        await b.PreflightAsync(healthy: true);

        var keys = hook.Accepted.Select(r => r.Headers["X-HealthGate-Dedup-Key"]).ToList();
        Assert.Equal(
            ["healthgate/default/check:core/1/trigger", "healthgate/default/check:core/2/resolve", "healthgate/default/verdict:live/1/trigger", "healthgate/default/verdict:live/2/resolve"],
            keys.Order(StringComparer.Ordinal));
    }
}
