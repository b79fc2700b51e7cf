using System.Net;
using HealthGate.Checks.Nats;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Testing.Preflights;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The nats check against a real nats-server that requires a password: up, stopped, frozen, restarted, and for users
/// the server denies the right to publish, to subscribe, or both.
/// </summary>
public sealed class NatsCheckTests : IAsyncLifetime
{
    private const string Password = "nats-Secret-5v2";
    private const string MutedPassword = "muted-Secret-3x8";

    private readonly NatsServer _nats = new("gate", Password)
    {
        Users =
        {
            new NatsUser("mute", MutedPassword, MayPublish: false, MaySubscribe: false),
            new NatsUser("listener", MutedPassword, MayPublish: false),
            new NatsUser("speaker", MutedPassword, MaySubscribe: false),
        },
    };

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task AServerThatCarriesAMessageIsHealthyWithItsRoundTrip()
    {
        await using var app = App(_nats.UrlWithCredentials);

        var check = await CheckJson.RunAsync(app, "bus");

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.StartsWith($"a message went round a private inbox at 127.0.0.1:{_nats.Port}", check.Description(), StringComparison.Ordinal);
        check.AssertTimingsWithinTheCheck("connectMs", "roundTripMs");
    }

    [Theory]
    [InlineData("mute", "Permissions Violation for")]
    [InlineData("listener", "Permissions Violation for Publish")]
    [InlineData("speaker", "Permissions Violation for Subscription")]
    public async Task AUserTheServerDeniesPublishOrSubscribeIsPermissionDeniedThoughItConnects(string user, string refused)
    {
        await using var app = App($"nats://{user}:{MutedPassword}@127.0.0.1:{_nats.Port}");

        var check = await CheckJson.RunAsync(app, "bus");

        Assert.True((check.Status(), check.Reason()) == ("Unhealthy", "permission_denied"), check.GetRawText());
        Assert.Contains(refused, check.Description(), StringComparison.Ordinal);
        Assert.DoesNotContain(MutedPassword, check.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStoppedServerIsNoGoAndARestartedOneIsGoAgainWithoutRestartingTheService()
    {
        await using var app = App(_nats.UrlWithCredentials);
        await GoFirst.WaitForPassAsync(app, "paper", "the server stops");

        await _nats.StopAsync();
        var (status, stopped) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unreachable", stopped.GetProperty("checks")[0].GetProperty("reason").GetString());

        await _nats.StartAsync();
        await ProcessRunner.WaitUntilAsync(
            async () => (await GetPreflightAsync(app, "paper")).Json.GetProperty("verdict").GetString() == "PASS",
            TimeSpan.FromSeconds(20),
            "PASS after NATS came back");
    }

    [Fact]
    public async Task AFrozenServerIsATimeoutWithinTheCheckTimeoutAndGoAgainWhenItResumes()
    {
        await using var app = App(_nats.UrlWithCredentials, timeoutMs: 500);
        await HungDependency.AssertUnhealthyWithinTimeoutThenRecoveryAsync(app, _nats.PauseAsync, _nats.ResumeAsync, 500, "NATS");
    }

    [Fact]
    public async Task AFrozenServerIsBoundedByTheClientsOwnTimeoutsWithoutTheEngine()
    {
        var check = new NatsHealthCheck(new NatsCheckOptions { Url = _nats.UrlWithCredentials, TimeoutMs = 500 }, TimeProvider.System);
        await HungDependency.AssertClientBoundsTheHangAsync(check, _nats.PauseAsync, _nats.ResumeAsync, TimeSpan.FromMilliseconds(2500));
    }

    [Fact]
    public async Task AWrongPasswordIsUnreachableAndNeitherPasswordAppearsInResponses()
    {
        const string wrong = "wrong-Secret-8u1";
        await using var app = HealthGateApplication.With([
            .. Check("bus", "nats", "P0", ("Url", _nats.UrlWithCredentials)),
            .. Check("bus-wrong", "nats", "P1", ("Url", $"nats://gate:{wrong}@127.0.0.1:{_nats.Port}")),
        ]);
        using var client = app.CreateClient();

        var (_, json) = await GetPreflightAsync(app, "live");
        var ready = await Readiness.WaitForEntryAsync(client, "bus");

        var checks = json.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("ok", checks["bus"].Reason());
        Assert.Equal("unreachable", checks["bus-wrong"].Reason());
        Assert.Contains("Authorization", checks["bus-wrong"].Description(), StringComparison.OrdinalIgnoreCase);
        foreach (var text in new[] { json.GetRawText(), ready })
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(wrong, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task NoCredentialsWhereTheServerRequiresThemIsUnreachable()
    {
        await using var app = App(_nats.Url);

        var check = await CheckJson.RunAsync(app, "bus");

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("unreachable", check.Reason());
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("http://127.0.0.1:4222", "must be one absolute nats:// or tls:// URL")]
    [InlineData("127.0.0.1:4222", "must be one absolute nats:// or tls:// URL")]
    [InlineData("nats://127.0.0.1:4222/subject", "must be one absolute nats:// or tls:// URL")]
    public void AMissingOrMalformedUrlIsRefused(string? url, string message)
    {
        var errors = CheckJson.ConfigErrors([.. Check("bus", "nats", "P0", ("Url", url))]);

        Assert.Contains(errors, e => e.StartsWith($"HealthGate:Checks:bus:Url: {message}", StringComparison.Ordinal));
    }

    [Fact]
    public void TheUrlsPasswordAndTokenAreSecrets()
    {
        Assert.Contains("p-4Kq", new NatsCheckOptions { Url = "nats://u:p-4Kq@127.0.0.1:4222" }.Secrets());
        Assert.Contains("tok-9Zx", new NatsCheckOptions { Url = "nats://tok-9Zx@127.0.0.1:4222" }.Secrets());
    }

    private static HealthGateApplication App(string url, int timeoutMs = 5000) =>
        HealthGateApplication.With([.. Check("bus", "nats", "P0", ("Url", url), ("TimeoutMs", timeoutMs))]);
}
