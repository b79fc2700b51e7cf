using System.Net;
using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Health;
using HealthGate.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Health;

/// <summary>Kubernetes probes: liveness touches nothing, readiness answers from the background run.</summary>
public sealed class ReadinessTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task LiveIsHealthyAndTouchesNoDependency()
    {
        var hits = _standIn.Count("/live-dep");
        await using var app = HealthGateApplication.With([
            .. Check("dep", "http", "P1", ("Url", _standIn.Url("/live-dep"))),
            ("Readiness:Tiers:0", "P0"),
        ]);
        using var client = app.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, hits.Value);
    }

    [Fact]
    public async Task LiveIsAnsweredRightAfterRoutingPastTheRestOfThePipeline()
    {
        // Short-circuited, the probe skips exception handler, status pages, authentication, authorization and rate
        // limiter (docs/performance.md: the probe path stays minimal); its answer is the same constant.
        await using var app = HealthGateApplication.With([.. Check("dep", "http", "P1", ("Url", _standIn.Url("/live-sc")))]);
        using var client = app.CreateClient();

        var live = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/health/live");
        // ShortCircuit() leaves this (internal) marker, which the routing middleware acts on.
        Assert.Contains(live.Metadata, m => m.GetType().FullName == "Microsoft.AspNetCore.Routing.ShortCircuit.ShortCircuitMetadata");
        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReadyIs200InHealthChecksUiFormatWhenP0IsHealthy()
    {
        _standIn.Respond("/ready-ok", 200, "ok");
        await using var app = HealthGateApplication.With([.. Check("svc", "http", "P0", ("Url", _standIn.Url("/ready-ok")))]);
        using var client = app.CreateClient();

        var body = await Readiness.WaitForEntryAsync(client, "svc");
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Healthy", root.GetProperty("status").GetString());
        Assert.Matches(@"^\d\d:\d\d:\d\d(\.\d+)?$", root.GetProperty("totalDuration").GetString());
        var entry = root.GetProperty("entries").GetProperty("svc");
        Assert.Equal("Healthy", entry.GetProperty("status").GetString());
        Assert.Equal("P0,http", string.Join(",", entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));
        Assert.True(entry.TryGetProperty("duration", out _));
        Assert.True(entry.TryGetProperty("description", out _));
    }

    [Fact]
    public async Task ReadyIs503WhenAP0CheckIsUnhealthy()
    {
        _standIn.Respond("/ready-down", 500, "down");
        await using var app = HealthGateApplication.With([.. Check("svc", "http", "P0", ("Url", _standIn.Url("/ready-down")))]);
        using var client = app.CreateClient();

        await Readiness.WaitForEntryAsync(client, "svc");
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task ProbesAreAnsweredFromTheCachedRunNotByRunningChecks()
    {
        var hits = _standIn.Count("/ready-counted");
        await using var app = HealthGateApplication.With([
            .. Check("svc", "http", "P0", ("Url", _standIn.Url("/ready-counted"))),
            ("Readiness:PeriodSeconds", 3600),
        ]);
        using var client = app.CreateClient();
        await Readiness.WaitForEntryAsync(client, "svc");
        var afterFirstRun = hits.Value;

        for (var i = 0; i < 20; i++)
        {
            await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        }

        Assert.Equal(1, afterFirstRun);
        Assert.Equal(afterFirstRun, hits.Value);
    }

    [Fact]
    public async Task ResultOlderThanThreePeriodsIsUnhealthy()
    {
        var startedAt = DateTimeOffset.Parse("2026-11-22T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var healthy = new CheckResult("svc", "http", CheckTier.P0, HealthStatus.Healthy, 1, "ok", "fine", new Dictionary<string, object>());
        var run = new CheckRun(startedAt, TimeSpan.FromMilliseconds(5), [healthy]);
        var maxAge = TimeSpan.FromSeconds(30);
        var state = new ReadinessState();
        var none = await state.AnswerAsync(startedAt, maxAge);
        await state.PublishAsync(run);

        var fresh = await state.AnswerAsync(startedAt.AddSeconds(29), maxAge);
        var stale = await state.AnswerAsync(startedAt.AddSeconds(31), maxAge);

        Assert.Equal((HealthStatus.Healthy, 200), (fresh.Status, fresh.StatusCode));
        Assert.False(Entries(fresh).TryGetProperty(ReadinessReport.PublisherEntry, out _));
        Assert.Equal((HealthStatus.Unhealthy, 503), (stale.Status, stale.StatusCode));
        Assert.Equal("stale", Entries(stale).GetProperty(ReadinessReport.PublisherEntry).GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal("Healthy", Entries(stale).GetProperty("svc").GetProperty("status").GetString());
        Assert.Equal((HealthStatus.Unhealthy, 503), (none.Status, none.StatusCode));
        Assert.True(Entries(none).TryGetProperty(ReadinessReport.PublisherEntry, out _));
        Assert.Equal(HealthStatus.Healthy, ReadinessReport.StatusOf(run, startedAt.AddSeconds(29), maxAge));
        Assert.Equal(HealthStatus.Unhealthy, ReadinessReport.StatusOf(run, startedAt.AddSeconds(31), maxAge));
        Assert.Equal(HealthStatus.Unhealthy, ReadinessReport.StatusOf(null, startedAt, maxAge));
    }

    [Fact]
    public async Task TheBodyIsWrittenOncePerRunAndServedAsTheSameBytes()
    {
        var startedAt = DateTimeOffset.Parse("2026-11-22T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var degraded = new CheckResult("svc", "http", CheckTier.P0, HealthStatus.Degraded, 1.5, "slow", "slow answer", new Dictionary<string, object> { ["latencyMs"] = 1.2 })
        {
            Tags = ["P0", "http"],
        };
        var state = new ReadinessState();
        await state.PublishAsync(new CheckRun(startedAt, TimeSpan.FromMilliseconds(12.3), [degraded]));

        var first = await state.AnswerAsync(startedAt.AddSeconds(1), TimeSpan.FromSeconds(30));
        var second = await state.AnswerAsync(startedAt.AddSeconds(2), TimeSpan.FromSeconds(30));

        Assert.Same(first, second);
        Assert.Equal(200, first.StatusCode);
        Assert.Equal(
            """{"status":"Degraded","totalDuration":"00:00:00.0123000","entries":{"svc":{"data":{"latencyMs":1.2,"reason":"slow"},"description":"slow answer","duration":"00:00:00.0015000","status":"Degraded","tags":["P0","http"]}}}""",
            System.Text.Encoding.UTF8.GetString(first.Utf8.Span));
    }

    private static JsonElement Entries(ReadinessBody body) => JsonDocument.Parse(body.Utf8).RootElement.GetProperty("entries");
}
