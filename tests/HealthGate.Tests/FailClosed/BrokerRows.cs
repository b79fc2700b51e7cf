using HealthGate.Checks;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// Brokers that accept a connection but carry no message, through the real service process (docs/fail-closed.md
/// section 18): a real RabbitMQ under a memory or disk alarm (rabbitmqctl), users short of rights on it, and users a
/// real nats-server denies publish or subscribe. Every row is NO-GO on its own check; rows are keyed "class/case".
/// </summary>
public sealed class BrokerRows(BrokerDesk desk) : IClassFixture<BrokerDesk>
{
    /// <summary>Alarms: the rabbitmqctl command that raises it, the one that clears it, the broker's reason.</summary>
    private static readonly Dictionary<string, (string Command, string Raise, string Clear, string Blocked)> AlarmRows = new()
    {
        ["18/rabbitmq-memory-alarm"] = ("set_vm_memory_high_watermark", "0", "0.4", "low on memory"),
        ["18/rabbitmq-disk-alarm"] = ("set_disk_free_limit", "100000GB", "50MB", "low on disk"),
    };

    /// <summary>Users short of rights: the check they break and the user it connects as.</summary>
    private static readonly Dictionary<string, (string Check, string User)> UserRows = new()
    {
        ["18/rabbitmq-user-without-any-right"] = ("broker", "no-rights"),
        ["18/rabbitmq-user-without-configure"] = ("broker", "no-configure"),
        ["18/rabbitmq-user-without-write"] = ("broker", "no-write"),
        ["18/rabbitmq-user-without-read"] = ("broker", "no-read"),
        ["18/nats-user-denied-publish"] = ("bus", "no-publish"),
        ["18/nats-user-denied-subscribe"] = ("bus", "no-subscribe"),
        ["18/nats-user-denied-both"] = ("bus", "no-rights"),
    };

    public static TheoryData<string> Alarms => [.. AlarmRows.Keys];

    public static TheoryData<string> Users => [.. UserRows.Keys];

    [Fact]
    public async Task TheDeskPassesWhenBothBrokersCarryAMessageSoEveryNoGoBelowIsTheRowsDoing()
    {
        var live = await BrokerDesk.PreflightAsync(desk.Service, "live");

        live.AssertPass();
        Assert.Equal(3, live.Json.GetProperty("summary").GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Alarms))]
    public async Task AnAlarmThatBlocksEveryPublisherIsNoGoAndGoAgainOnceItClears(string row)
    {
        var (command, raise, clear, blocked) = AlarmRows[row];
        await desk.Rabbit.CtlAsync(command, raise);
        try
        {
            await ProcessRunner.WaitUntilAsync(desk.Rabbit.HasAlarmAsync, TimeSpan.FromSeconds(30), $"{row}: the alarm in effect");

            var run = await BrokerDesk.PreflightAsync(desk.Service, "live");

            run.AssertNoGo("P1_FAIL");
            var broker = run.Check("broker");
            Assert.True(broker.GetProperty("reason").GetString() == Reasons.BrokerBlocked, broker.GetRawText());
            Assert.Equal(blocked, broker.GetProperty("data").GetProperty("blockedReason").GetString());
            Assert.Equal("Healthy", run.Check("bus").GetProperty("status").GetString());
        }
        finally
        {
            await desk.Rabbit.CtlAsync(command, clear);
        }

        await ProcessRunner.WaitUntilAsync(
            async () => (await BrokerDesk.PreflightAsync(desk.Service, "live")).Verdict == "PASS",
            TimeSpan.FromSeconds(60),
            $"{row}: PASS once the alarm cleared");
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task AUserShortOfTheRightsAMessageNeedsIsNoGo(string row)
    {
        var (check, user) = UserRows[row];
        await using var service = await desk.StartAsync(
            check == "broker" ? desk.RabbitUri(user) : desk.Rabbit.ConnectionString,
            check == "bus" ? desk.NatsUrl(user) : desk.Nats.UrlWithCredentials);

        var run = await BrokerDesk.PreflightAsync(service, "live");

        run.AssertNoGo("P1_FAIL");
        var failed = run.Check(check);
        Assert.True(failed.GetProperty("reason").GetString() == Reasons.PermissionDenied, failed.GetRawText());
        Assert.Equal("Healthy", run.Check(check == "broker" ? "bus" : "broker").GetProperty("status").GetString());
        Assert.DoesNotContain(BrokerDesk.Password, run.Json.GetRawText(), StringComparison.Ordinal);
    }
}
