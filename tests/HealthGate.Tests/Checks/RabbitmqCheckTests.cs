using System.Net;
using HealthGate.Checks.Rabbitmq;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Testing.Preflights;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The rabbitmq check against a real RabbitMQ node, one per class (it boots in seconds): up, stopped and restarted on
/// the same port, frozen with SIGSTOP, wrong credentials, under a memory or disk alarm (rabbitmqctl), and for users
/// without rights. Each test leaves the node running with no alarm.
/// </summary>
public sealed class RabbitmqCheckTests(RabbitMqServer rabbit) : IClassFixture<RabbitMqServer>
{
    [Fact]
    public async Task ABrokerThatCarriesAMessageIsHealthyWithItsVersionAndTimings()
    {
        await using var app = App(rabbit.ConnectionString);

        var check = await CheckJson.RunAsync(app, "broker");

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.StartsWith("3.", check.Data("serverVersion").GetString(), StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{rabbit.Port} vhost /: a message went round a private queue", check.Description(), StringComparison.Ordinal);
        check.AssertTimingsWithinTheCheck("connectMs", "roundTripMs");
    }

    [Fact]
    public async Task TheRoundLeavesNoQueueBehind()
    {
        await using (var app = App(rabbit.ConnectionString))
        {
            Assert.Equal("ok", (await CheckJson.RunAsync(app, "broker")).Reason());
        }

        // Exclusive and auto-deleted: the queue goes with the connection the check aborts once it has answered.
        await ProcessRunner.WaitUntilAsync(
            async () => !(await rabbit.CtlAsync("list_queues", "--quiet", "name")).Contains("amq.gen-", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "no server-named queue left on the broker");
    }

    [Theory]
    [InlineData("memory", "set_vm_memory_high_watermark", "0", "0.4", "low on memory")]
    [InlineData("disk", "set_disk_free_limit", "100000GB", "50MB", "low on disk")]
    public async Task AnAlarmThatBlocksPublishersIsBrokerBlockedAndGoAgainWhenItClears(string alarm, string command, string raise, string clear, string reason)
    {
        await using var app = App(rabbit.ConnectionString);
        Assert.Equal("ok", (await CheckJson.RunAsync(app, "broker")).Reason());

        await rabbit.CtlAsync(command, raise);
        try
        {
            await ProcessRunner.WaitUntilAsync(rabbit.HasAlarmAsync, TimeSpan.FromSeconds(30), $"a {alarm} alarm on the node");

            var check = await CheckJson.RunAsync(app, "broker");

            // It still accepts the connection and the channel: only a message going round tells.
            Assert.Equal(("Unhealthy", "broker_blocked"), (check.Status(), check.Reason()));
            Assert.Equal(reason, check.Data("blockedReason").GetString());
            Assert.Contains("connection.blocked", check.Description(), StringComparison.Ordinal);
        }
        finally
        {
            await rabbit.CtlAsync(command, clear);
        }

        await ProcessRunner.WaitUntilAsync(async () => !await rabbit.HasAlarmAsync(), TimeSpan.FromSeconds(30), $"the {alarm} alarm clearing");
        Assert.Equal("ok", (await CheckJson.RunAsync(app, "broker")).Reason());
    }

    [Theory]
    [InlineData("none", null, "access to vhost")] // add_user and nothing else
    [InlineData("no-configure", new[] { "^$", ".*", ".*" }, "access to queue")]
    [InlineData("no-write", new[] { ".*", "^$", ".*" }, "access to exchange 'amq.default'")]
    [InlineData("no-read", new[] { ".*", ".*", "^$" }, "access to queue")]
    public async Task AUserWithoutTheRightsTheRoundNeedsIsPermissionDenied(string name, string[]? rights, string refused)
    {
        var user = $"gate-{name}";
        const string password = "rights-Secret-4q1";
        await rabbit.CtlAsync("add_user", user, password);
        try
        {
            if (rights is not null)
            {
                await rabbit.CtlAsync(["set_permissions", "-p", "/", user, .. rights]);
            }

            await using var app = App($"amqp://{user}:{password}@127.0.0.1:{rabbit.Port}/");
            var check = await CheckJson.RunAsync(app, "broker");

            Assert.True((check.Status(), check.Reason()) == ("Unhealthy", "permission_denied"), check.GetRawText());
            Assert.Contains(refused, check.Description(), StringComparison.Ordinal);
            Assert.DoesNotContain(password, check.GetRawText(), StringComparison.Ordinal);
        }
        finally
        {
            await rabbit.CtlAsync("delete_user", user);
        }
    }

    [Fact]
    public async Task TheRightsOnItsOwnQueuesAndTheDefaultExchangeAreEnough()
    {
        const string user = "gate-least";
        const string password = "least-Secret-8k2";
        await rabbit.CtlAsync("add_user", user, password);
        try
        {
            await rabbit.CtlAsync("set_permissions", "-p", "/", user, "^amq\\.gen-.*", "^(amq\\.gen-.*|amq\\.default)$", "^amq\\.gen-.*");
            await using var app = App($"amqp://{user}:{password}@127.0.0.1:{rabbit.Port}/");

            var check = await CheckJson.RunAsync(app, "broker");

            Assert.True(check.Reason() == "ok", check.GetRawText());
        }
        finally
        {
            await rabbit.CtlAsync("delete_user", user);
        }
    }

    [Fact]
    public async Task AStoppedBrokerIsNoGoAndARestartedOneIsGoAgainWithoutRestartingTheService()
    {
        await using var app = App(rabbit.ConnectionString);
        await GoFirst.WaitForPassAsync(app, "paper", "the broker stops");

        await rabbit.StopAsync();
        try
        {
            var (status, stopped) = await GetPreflightAsync(app, "paper");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("unreachable", stopped.GetProperty("checks")[0].GetProperty("reason").GetString());
        }
        finally
        {
            await rabbit.StartAsync();
        }

        await ProcessRunner.WaitUntilAsync(
            async () => (await GetPreflightAsync(app, "paper")).Json.GetProperty("verdict").GetString() == "PASS",
            TimeSpan.FromSeconds(30),
            "PASS after RabbitMQ came back");
    }

    [Fact]
    public async Task AFrozenBrokerIsATimeoutWithinTheCheckTimeoutAndGoAgainWhenItResumes()
    {
        await WarmUpAsync();
        await using var app = App(rabbit.ConnectionString, timeoutMs: 1000);
        await HungDependency.AssertUnhealthyWithinTimeoutThenRecoveryAsync(app, rabbit.PauseAsync, rabbit.ResumeAsync, 1000, "RabbitMQ");
    }

    [Fact]
    public async Task AFrozenBrokerIsBoundedByTheClientsOwnTimeoutsWithoutTheEngine()
    {
        await WarmUpAsync();
        var check = new RabbitmqHealthCheck(new RabbitmqCheckOptions { ConnectionString = rabbit.ConnectionString, TimeoutMs = 1000 }, TimeProvider.System);
        await HungDependency.AssertClientBoundsTheHangAsync(check, rabbit.PauseAsync, rabbit.ResumeAsync, TimeSpan.FromMilliseconds(3000));
    }

    [Fact]
    public async Task AWrongPasswordIsUnreachableAndNeitherPasswordAppearsInResponses()
    {
        const string wrong = "wrong-Secret-2m7";
        await using var app = HealthGateApplication.With([
            .. Check("broker", "rabbitmq", "P0", ("ConnectionString", rabbit.ConnectionString)),
            .. Check("broker-wrong", "rabbitmq", "P1", ("ConnectionString", $"amqp://{RabbitMqServer.User}:{wrong}@127.0.0.1:{rabbit.Port}/")),
        ]);
        using var client = app.CreateClient();

        var (_, json) = await GetPreflightAsync(app, "live");
        var ready = await Readiness.WaitForEntryAsync(client, "broker");

        var checks = json.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("ok", checks["broker"].Reason());
        Assert.Equal("unreachable", checks["broker-wrong"].Reason());
        Assert.Contains("ACCESS_REFUSED", checks["broker-wrong"].Description(), StringComparison.Ordinal);
        foreach (var text in new[] { json.GetRawText(), ready })
        {
            Assert.DoesNotContain(RabbitMqServer.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AMissingVirtualHostIsUnreachable()
    {
        await using var app = App($"amqp://{RabbitMqServer.User}:{RabbitMqServer.Password}@127.0.0.1:{rabbit.Port}/no-such-vhost");

        var check = await CheckJson.RunAsync(app, "broker");

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("unreachable", check.Reason());
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("http://127.0.0.1:5672/", "must be an AMQP URI")]
    [InlineData("127.0.0.1:5672", "must be an AMQP URI")]
    [InlineData("host=127.0.0.1;port=5672", "must be an AMQP URI")]
    public void AMissingOrMalformedConnectionStringIsRefused(string? connectionString, string message)
    {
        var errors = CheckJson.ConfigErrors([.. Check("broker", "rabbitmq", "P0", ("ConnectionString", connectionString))]);

        Assert.Contains(errors, e => e.StartsWith($"HealthGate:Checks:broker:ConnectionString: {message}", StringComparison.Ordinal));
    }

    [Fact]
    public void TheUrisPasswordIsASecretAndTheClientTimeoutsFollowTimeoutMs()
    {
        var options = new RabbitmqCheckOptions { ConnectionString = "amqp://u:p-7Wq@127.0.0.1:5672/", TimeoutMs = 800 };
        var factory = options.ToFactory();

        Assert.Contains("p-7Wq", options.Secrets());
        Assert.Equal(TimeSpan.FromMilliseconds(400), factory.RequestedConnectionTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(800), factory.HandshakeContinuationTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(800), factory.ContinuationTimeout);
        Assert.False(factory.AutomaticRecoveryEnabled);
    }

    // The client's first connection in a process JITs much of the library (over 500 ms was seen on a loaded machine);
    // the frozen-broker tests are about the bound on a hang, so they start warm.
    private async Task WarmUpAsync()
    {
        var warm = new RabbitmqHealthCheck(new RabbitmqCheckOptions { ConnectionString = rabbit.ConnectionString, TimeoutMs = 30_000 }, TimeProvider.System);
        var result = await warm.CheckHealthAsync(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext());
        Assert.True(result.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, result.Description);
    }

    private static HealthGateApplication App(string connectionString, int timeoutMs = 5000) =>
        HealthGateApplication.With([.. Check("broker", "rabbitmq", "P0", ("ConnectionString", connectionString), ("TimeoutMs", timeoutMs))]);
}
