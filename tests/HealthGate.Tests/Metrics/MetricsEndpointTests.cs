using System.Net;
using HealthGate.Overrides;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Metrics;

/// <summary>/metrics over HTTP: the series of the design, fed by background runs, preflights and overrides.</summary>
public sealed class MetricsEndpointTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task MetricsAnswers200WithTheExpositionContentTypeWhileChecksFail()
    {
        _standIn.Respond("/metrics-down", 500, "boom");
        await using var app = HealthGateApplication.With([.. Check("core", "http", "P0", ("Url", _standIn.Url("/metrics-down")))]);
        using var client = app.CreateClient();
        await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));

        var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var series = Exposition.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(0, series.Value("healthgate_check_status", ("check", "core"), ("tier", "P0"), ("type", "http")));
    }

    [Fact]
    public async Task EveryFamilyIsDeclaredBeforeAnyPreflightWithCountersAtZero()
    {
        await using var app = HealthGateApplication.With([.. Check("later", "http", "P1", ("Url", _standIn.Url("/never-called")))]);
        using var client = app.CreateClient();

        var text = await Exposition.ScrapeAsync(client);

        var types = Exposition.Types(text);
        foreach (var (family, type) in new[]
        {
            ("healthgate_check_status", "gauge"), ("healthgate_check_duration_seconds", "gauge"),
            ("healthgate_preflight_exit_code", "gauge"), ("healthgate_preflight_runs_total", "counter"),
            ("healthgate_preflight_duration_seconds", "histogram"), ("healthgate_overrides_total", "counter"),
            ("healthgate_ready", "gauge"), ("healthgate_verdict_age_seconds", "gauge"), ("healthgate_build_info", "gauge"),
            ("healthgate_preflight_last_run_timestamp_seconds", "gauge"),
            ("process_resident_memory_bytes", "gauge"), ("process_cpu_seconds_total", "counter"), ("process_start_time_seconds", "gauge"),
            ("dotnet_gc_collections_total", "counter"), ("dotnet_threadpool_queue_length", "gauge"),
        })
        {
            Assert.True(types.TryGetValue(family, out var declared), $"family {family} is not declared");
            Assert.Equal(type, declared);
            Assert.Contains($"# HELP {family} ", text, StringComparison.Ordinal);
        }

        var series = Exposition.Parse(text);
        Assert.Equal(0, series.Value("healthgate_check_status", ("check", "later"), ("tier", "P1"), ("type", "http")));
        foreach (var mode in new[] { "paper", "live" })
        {
            foreach (var verdict in new[] { "PASS", "P0_FAIL", "P1_FAIL", "P2_WARN" })
            {
                Assert.Equal(0, series.Value("healthgate_preflight_runs_total", ("mode", mode), ("verdict", verdict)));
            }

            Assert.Equal(0, series.Value("healthgate_overrides_total", ("kind", "force_start"), ("mode", mode)));
            Assert.Equal(0, series.Value("healthgate_overrides_total", ("kind", "skip_health_check"), ("mode", mode)));
            Assert.Equal(0, series.Value("healthgate_preflight_duration_seconds_count", ("mode", mode)));
            Assert.Equal(double.PositiveInfinity, series.Value("healthgate_verdict_age_seconds", ("mode", mode)));
            Assert.Null(series.Value("healthgate_preflight_exit_code", ("mode", mode)));
        }

        Assert.Equal(1, Assert.Single(series, s => s.Name == "healthgate_build_info").Value);
        Assert.True(series.Value("process_start_time_seconds") > 1.7e9);
        Assert.NotNull(series.Value("dotnet_gc_collections_total", ("generation", "0")));
    }

    [Fact]
    public async Task AFailingCheckShows0WithinOnePreflight()
    {
        var healthy = true;
        _standIn.Respond("/metrics-flip", context =>
        {
            context.Response.StatusCode = healthy ? 200 : 500;
            return Task.CompletedTask;
        });
        await using var app = HealthGateApplication.With([
            .. Check("core", "disk", "P0", ("Path", Path.GetTempPath()), ("MinFreeMb", 1)),
            .. Check("execution", "http", "P1", ("Url", _standIn.Url("/metrics-flip"))),
        ]);
        using var client = app.CreateClient();
        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var before = Exposition.Parse(await Exposition.ScrapeAsync(client));
        healthy = false;

        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));

        var after = Exposition.Parse(await Exposition.ScrapeAsync(client));
        Assert.Equal(1, before.Value("healthgate_check_status", ("check", "execution"), ("tier", "P1"), ("type", "http")));
        Assert.Equal(0, after.Value("healthgate_check_status", ("check", "execution"), ("tier", "P1"), ("type", "http")));
        Assert.Equal(2, after.Value("healthgate_preflight_exit_code", ("mode", "live")));
        Assert.True(after.Value("healthgate_check_duration_seconds", ("check", "execution")) > 0);
    }

    [Fact]
    public async Task TheBackgroundReadinessRunUpdatesCheckGaugesAndReady()
    {
        _standIn.Respond("/metrics-ok", 200, "ok");
        _standIn.Respond("/metrics-broken", 503, "no");
        await using var app = HealthGateApplication.With([
            .. Check("fine", "http", "P0", ("Url", _standIn.Url("/metrics-ok"))),
        ]);
        await using var failing = HealthGateApplication.With([
            .. Check("fine", "http", "P0", ("Url", _standIn.Url("/metrics-ok"))),
            .. Check("broken", "http", "P0", ("Url", _standIn.Url("/metrics-broken"))),
        ]);
        using var client = app.CreateClient();
        using var failingClient = failing.CreateClient();

        // No preflight is requested: only the background run can move these.
        var ready = await WaitForSeriesAsync(client, s => s.Value("healthgate_check_status", ("check", "fine")) == 1);
        var notReady = await WaitForSeriesAsync(failingClient, s => s.Value("healthgate_check_duration_seconds", ("check", "broken")) is not null);

        Assert.Equal(1, ready.Value("healthgate_ready"));
        Assert.Equal(0, ready.Value("healthgate_preflight_runs_total", ("mode", "paper"), ("verdict", "PASS")));
        Assert.Equal(0, notReady.Value("healthgate_check_status", ("check", "broken")));
        Assert.Equal(1, notReady.Value("healthgate_check_status", ("check", "fine")));
        Assert.Equal(0, notReady.Value("healthgate_ready"));
    }

    [Fact]
    public async Task ReadyDropsTo0WhenTheLatestReadinessRunIsStale()
    {
        _standIn.Respond("/metrics-stale", 200, "ok");
        var clock = new ShiftedTimeProvider();
        // One run an hour: no fresh run can land while the test looks.
        await using var app = HealthGateApplication.With([
            .. Check("fine", "http", "P0", ("Url", _standIn.Url("/metrics-stale"))),
            ("Readiness:PeriodSeconds", 3600),
        ]);
        using var client = app.WithServices(services => services.AddSingleton<TimeProvider>(clock)).CreateClient();
        var fresh = await WaitForSeriesAsync(client, s => s.Value("healthgate_check_status", ("check", "fine")) == 1);

        clock.Offset = TimeSpan.FromHours(4);

        var stale = Exposition.Parse(await Exposition.ScrapeAsync(client));
        Assert.Equal(1, fresh.Value("healthgate_ready"));
        Assert.Equal(0, stale.Value("healthgate_ready"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task PreflightsCountByVerdictAndFeedTheHistogramAndTimestamps()
    {
        _standIn.Respond("/metrics-p1-down", 500, "boom");
        await using var app = HealthGateApplication.With([.. Check("integration", "http", "P1", ("Url", _standIn.Url("/metrics-p1-down")))]);
        using var client = app.CreateClient();

        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));

        var series = Exposition.Parse(await Exposition.ScrapeAsync(client));
        Assert.Equal(2, series.Value("healthgate_preflight_runs_total", ("mode", "live"), ("verdict", "P1_FAIL")));
        Assert.Equal(1, series.Value("healthgate_preflight_runs_total", ("mode", "paper"), ("verdict", "PASS")));
        Assert.Equal(2, series.Value("healthgate_preflight_duration_seconds_count", ("mode", "live")));
        Assert.Equal(2, series.Value("healthgate_preflight_duration_seconds_bucket", ("mode", "live"), ("le", "+Inf")));
        Assert.True(series.Value("healthgate_preflight_duration_seconds_sum", ("mode", "live")) > 0);
        Assert.Equal(0, series.Value("healthgate_preflight_exit_code", ("mode", "paper")));
        Assert.True(series.Value("healthgate_verdict_age_seconds", ("mode", "paper")) < 60);
        var lastPass = series.Value("healthgate_preflight_last_run_timestamp_seconds", ("mode", "paper"), ("verdict", "PASS"));
        Assert.InRange(lastPass!.Value, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        Assert.Equal(0, series.Value("healthgate_preflight_last_run_timestamp_seconds", ("mode", "live"), ("verdict", "PASS")));
    }

    [Fact]
    public async Task RecordOverrideCountsByKindAndMode()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        var metrics = app.Services.GetRequiredService<OverrideMetrics>();

        metrics.Record("force_start", "live");
        metrics.Record("force_start", "live");
        metrics.Record("skip_health_check", "paper");

        var series = Exposition.Parse(await Exposition.ScrapeAsync(client));
        Assert.Equal(2, series.Value("healthgate_overrides_total", ("kind", "force_start"), ("mode", "live")));
        Assert.Equal(1, series.Value("healthgate_overrides_total", ("kind", "skip_health_check"), ("mode", "paper")));
        Assert.Equal(0, series.Value("healthgate_overrides_total", ("kind", "skip_health_check"), ("mode", "live")));
    }

    [Fact]
    public async Task CountersEndInTotalAndHistogramsCloseWithInf()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var text = await Exposition.ScrapeAsync(client);

        var types = Exposition.Types(text);
        Assert.All(types.Where(t => t.Value == "counter"), t => Assert.EndsWith("_total", t.Key, StringComparison.Ordinal));
        var series = Exposition.Parse(text);
        foreach (var histogram in types.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var infinite = series.Where(s => s.Name == histogram + "_bucket" && s.Labels["le"] == "+Inf").ToList();
            Assert.NotEmpty(infinite);
            Assert.All(infinite, s => Assert.Equal(s.Value, series.Value(histogram + "_count", ("mode", s.Labels["mode"]))));
        }
    }

    private static async Task<IReadOnlyList<Series>> WaitForSeriesAsync(HttpClient client, Func<IReadOnlyList<Series>, bool> condition)
    {
        IReadOnlyList<Series> latest = [];
        await ProcessRunner.WaitUntilAsync(
            async () => condition(latest = Exposition.Parse(await Exposition.ScrapeAsync(client))),
            TimeSpan.FromSeconds(30),
            "the background readiness run showing in /metrics");
        return latest;
    }
}
