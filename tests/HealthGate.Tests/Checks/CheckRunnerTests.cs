using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Preflights;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The engine: timeouts, exceptions, parallelism and checks registered in code.</summary>
public sealed class CheckRunnerTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task HangingUrlIsTimeoutAfterItsTimeoutMs()
    {
        _standIn.Hang("/hang");
        await using var app = HealthGateApplication.With([.. Check("stuck", "http", "P0", ("Url", _standIn.Url("/hang")), ("TimeoutMs", 1000))]);
        await GetPreflightAsync(app, "paper"); // warm the host so the figure below is the run alone

        var (status, json) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = json.GetProperty("checks")[0];
        Assert.Equal("timeout", check.GetProperty("reason").GetString());
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        // A real bound on purpose (CheckTimeoutTests decides the exact timeout on a fake clock): a real hung URL is
        // abandoned at its TimeoutMs, measured by the engine for the check alone.
        Assert.InRange(check.GetProperty("durationMs").GetDouble(), 950, 1900);
    }

    [Fact]
    public async Task TenSlowChecksRunInParallel()
    {
        // The stand-in answers no one until all ten are waiting on it: checks run one after another would leave the
        // first waiting until its timeout, so a PASS proves they ran at once, with no clock involved.
        var arrived = 0;
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _standIn.Respond("/together", async context =>
        {
            if (Interlocked.Increment(ref arrived) == 10)
            {
                allWaiting.TrySetResult();
            }

            await allWaiting.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("ok", context.RequestAborted);
        });
        var checks = Enumerable.Range(1, 10).SelectMany(i => Check($"slow-{i}", "http", "P0", ("Url", _standIn.Url("/together")))).ToArray();
        await using var app = HealthGateApplication.With(checks);

        var (_, json) = await GetPreflightAsync(app, "paper");

        Assert.Equal("PASS", json.GetProperty("verdict").GetString());
        Assert.Equal(10, json.GetProperty("summary").GetProperty("healthy").GetInt32());
    }

    [Fact]
    public async Task CheckThatThrowsIsUnhealthyWithReasonException()
    {
        await using var app = new HealthGateApplication(new Dictionary<string, string?>())
        {
            ExtraServices = s => s.AddHealthChecks().AddCheck("throws", new ThrowingCheck("boom Password=hunter2-secret"), tags: ["P0", "custom"]),
        };

        var (status, json) = await GetPreflightAsync(app, "paper");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = Named(json, "throws");
        Assert.Equal("exception", check.GetProperty("reason").GetString());
        Assert.Equal("custom", check.GetProperty("type").GetString());
        Assert.DoesNotContain("hunter2-secret", json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("at HealthGate", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckThatIgnoresItsTokenIsStillBoundedByItsTimeout()
    {
        await using var app = new HealthGateApplication(new Dictionary<string, string?>())
        {
            ExtraServices = s => s.AddHealthChecks().Add(new HealthCheckRegistration(
                "deaf", new DeafCheck(), HealthStatus.Unhealthy, ["P1", "custom"], TimeSpan.FromMilliseconds(300))),
        };

        var (_, json) = await GetPreflightAsync(app, "live");

        Assert.Equal("P1_FAIL", json.GetProperty("verdict").GetString());
        Assert.Equal("timeout", Named(json, "deaf").GetProperty("reason").GetString());
        Assert.InRange(json.GetProperty("durationMs").GetDouble(), 250, 2000);
    }

    [Fact]
    public async Task CodeRegisteredCheckWithTierTagJoinsModesAndUntaggedDoesNot()
    {
        await using var app = new HealthGateApplication(new Dictionary<string, string?>())
        {
            ExtraServices = s => s.AddHealthChecks()
                .AddCheck("tagged", () => HealthCheckResult.Degraded("half"), tags: ["P2", "custom"])
                .AddCheck("untagged", () => HealthCheckResult.Unhealthy("ignored")),
        };

        var (_, json) = await GetPreflightAsync(app, "live");

        // The host's baseline P0 check is there too (an empty paper mode refuses to start); "untagged" is not.
        Assert.Equal(["baseline-disk", "tagged"], json.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        var check = Named(json, "tagged");
        Assert.Equal("P2", check.GetProperty("tier").GetString());
        Assert.Equal("degraded", check.GetProperty("reason").GetString());
        Assert.Equal("P2_WARN", json.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task ConcurrentPreflightsOfOneModeShareOneRun()
    {
        var hits = _standIn.Count("/counted", TimeSpan.FromMilliseconds(300));
        await using var app = HealthGateApplication.With([
            .. Check("counted", "http", "P1", ("Url", _standIn.Url("/counted"))),
            .. Check("cosmetic", "disk", "P2", ("Path", Path.GetTempPath()), ("MinFreeMb", 1)),
            ("Modes:counting:Tiers:0", "P0"), // the readiness run (P0: the baseline check) stays off the counted endpoint
            ("Modes:counting:Tiers:1", "P1"),
        ]);
        using var client = app.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetStringAsync(new Uri("/preflight?mode=counting", UriKind.Relative))));

        var runIds = responses.Select(r => System.Text.Json.JsonDocument.Parse(r).RootElement.GetProperty("runId").GetString()).Distinct().ToList();
        Assert.True(hits.Value < 8, $"{hits.Value} requests reached the dependency for 8 concurrent preflights");
        Assert.Equal(hits.Value, runIds.Count);
    }

    private static System.Text.Json.JsonElement Named(System.Text.Json.JsonElement run, string name) =>
        run.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private sealed class ThrowingCheck(string message) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException(message);
    }

    private sealed class DeafCheck : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None);
            return HealthCheckResult.Healthy();
        }
    }
}
