using System.Net;
using HealthGate.Checks.Rabbitmq;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Testing.Settings;
using static HealthGate.Tests.Preflight.PreflightVerdictTests;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The rabbitmq check against a real RabbitMQ node, one per class (it boots in seconds): up, stopped and restarted on
/// the same port, frozen with SIGSTOP, wrong credentials. Each test leaves the node running.
/// </summary>
public sealed class RabbitmqCheckTests(RabbitMqServer rabbit) : IClassFixture<RabbitMqServer>
{
    [Fact]
    public async Task AReachableBrokerIsHealthyWithItsVersionAndTimings()
    {
        await using var app = App(rabbit.ConnectionString);

        var check = await CheckJson.RunAsync(app, "broker");

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.StartsWith("3.", check.Data("serverVersion").GetString(), StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{rabbit.Port} vhost /", check.Description(), StringComparison.Ordinal);
        check.AssertTimingsWithinTheCheck("connectMs", "channelMs");
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

    private static HealthGateApplication App(string connectionString, int timeoutMs = 2000) =>
        HealthGateApplication.With([.. Check("broker", "rabbitmq", "P0", ("ConnectionString", connectionString), ("TimeoutMs", timeoutMs))]);
}
