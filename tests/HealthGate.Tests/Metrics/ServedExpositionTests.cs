using System.Globalization;
using System.Net;
using System.Text;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Metrics;

/// <summary>The exact text of the served /metrics: families, help, types, label escapes, histogram layout.</summary>
public sealed class ServedExpositionTests
{
    /// <summary>Every family /metrics serves, with its type and help; nothing else may appear (no library defaults).</summary>
    private static readonly (string Name, string Type, string Help)[] Families =
    [
        ("healthgate_check_status", "gauge", "Latest status of the check: 1 Healthy, 0.5 Degraded, 0 Unhealthy or not run yet."),
        ("healthgate_check_duration_seconds", "gauge", "Duration of the latest run of the check."),
        ("healthgate_preflight_exit_code", "gauge", "Exit code of the latest preflight of the mode: 0 PASS, 1 P0_FAIL, 2 P1_FAIL, 3 P2_WARN."),
        ("healthgate_verdict_age_seconds", "gauge", "Seconds since the latest preflight of the mode completed; +Inf before the first."),
        ("healthgate_preflight_runs_total", "counter", "Preflight runs by mode and verdict."),
        ("healthgate_preflight_last_run_timestamp_seconds", "gauge", "Unix time the latest preflight of the mode with the verdict completed; 0 if none has."),
        ("healthgate_preflight_duration_seconds", "histogram", "Preflight wall time by mode."),
        ("healthgate_leader", "gauge", "1 on the replica that runs the desk's background readiness checks (the leader), else 0."),
        ("healthgate_overrides_total", "counter", "Overrides recorded by kind and mode."),
        ("healthgate_admission_reviews_total", "counter", "Kubernetes admission reviews answered, by mode and decision."),
        ("healthgate_notifications_total", "counter", "Notification delivery attempts by target and outcome."),
        ("healthgate_ready", "gauge", "1 when the latest background readiness run is fresh and not Unhealthy, else 0."),
        ("healthgate_build_info", "gauge", "Always 1; the version label names the running build."),
        ("process_resident_memory_bytes", "gauge", "Resident memory size in bytes."),
        ("process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes."),
        ("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds."),
        ("process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch in seconds."),
        ("process_open_fds", "gauge", "Number of open file descriptors."),
        ("dotnet_gc_collections_total", "counter", "Garbage collections by generation."),
        ("dotnet_gc_allocated_bytes_total", "counter", "Bytes allocated on the managed heap since the process started."),
        ("dotnet_gc_pause_seconds_total", "counter", "Time the runtime has paused for garbage collection."),
        ("dotnet_total_memory_bytes", "gauge", "Bytes currently thought to be allocated on the managed heap."),
        ("dotnet_threadpool_queue_length", "gauge", "Work items queued to the thread pool and not yet started."),
        ("dotnet_threadpool_threads", "gauge", "Thread-pool threads that currently exist."),
        ("dotnet_threadpool_completed_items_total", "counter", "Work items the thread pool has completed."),
        ("dotnet_monitor_lock_contention_total", "counter", "Times a thread waited for a contended lock."),
    ];

    [Fact]
    public async Task EveryFamilyIsServedWithItsExactHelpAndTypeAndNoOtherFamilyIs()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var text = await Exposition.ScrapeAsync(client);

        var expected = Families.Where(f => f.Name != "process_open_fds" || Directory.Exists("/proc/self/fd")).ToList();
        foreach (var (name, type, help) in expected)
        {
            Assert.Contains($"# HELP {name} {help}\n# TYPE {name} {type}\n", text, StringComparison.Ordinal);
        }

        Assert.Equal(expected.Select(f => f.Name).Order(StringComparer.Ordinal), Exposition.Types(text).Keys.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Count, text.Split('\n').Count(l => l.StartsWith("# HELP ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheResponseIsTextFormat004AndNeverCached()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task CheckLabelsComeInOrderWithBackslashQuoteAndNewlineEscapedAndOtherTextAsUtf8()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.WithServices(services => services.AddHealthChecks()
            .AddCheck("a\\b\"c\nd", () => HealthCheckResult.Degraded("slow"), tags: ["P2", "custom"])
            .AddCheck("börse-東京", () => HealthCheckResult.Healthy(), tags: ["P1", "custom"])).CreateClient();

        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains("healthgate_check_status{check=\"a\\\\b\\\"c\\nd\",tier=\"P2\",type=\"custom\"} 0.5\n", text, StringComparison.Ordinal);
        Assert.Contains("healthgate_check_status{check=\"börse-東京\",tier=\"P1\",type=\"custom\"} 1\n", text, StringComparison.Ordinal);
        Assert.True(bytes.AsSpan().IndexOf("check=\"börse-東京\""u8) >= 0, "the label value is not UTF-8");
    }

    [Fact]
    public async Task TheHistogramHasEveryBucketCumulativeThenInfAndMatchesItsCount()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));

        var series = Exposition.Parse(await Exposition.ScrapeAsync(client));

        foreach (var (mode, runs) in new[] { ("live", 1), ("paper", 0) })
        {
            var buckets = series.Where(s => s.Name == "healthgate_preflight_duration_seconds_bucket" && s.Labels["mode"] == mode).ToList();
            Assert.Equal(
                [.. PreflightMetrics.DurationBuckets.Select(b => b.ToString(CultureInfo.InvariantCulture)), "+Inf"],
                buckets.Select(b => b.Labels["le"]));
            Assert.All(buckets, b => Assert.Equal(["le", "mode"], b.Labels.Keys.Order(StringComparer.Ordinal)));
            Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
            Assert.Equal(runs, buckets[^1].Value);
            Assert.Equal(runs, series.Value("healthgate_preflight_duration_seconds_count", ("mode", mode)));
        }

        Assert.True(series.Value("healthgate_preflight_duration_seconds_sum", ("mode", "live")) > 0);
        Assert.Equal(0, series.Value("healthgate_preflight_duration_seconds_sum", ("mode", "paper")));
    }

    [Fact]
    public void TheDurationBucketsSpanAMillisecondToAMinute()
    {
        Assert.Equal(0.001, PreflightMetrics.DurationBuckets[0]);
        Assert.Equal(60, PreflightMetrics.DurationBuckets[^1]);
        Assert.Equal(PreflightMetrics.DurationBuckets.Order(), PreflightMetrics.DurationBuckets);
    }

    [Fact]
    public async Task TwoHostsInOneProcessServeTheirOwnSeries()
    {
        await using var first = HealthGateApplication.With();
        await using var second = HealthGateApplication.With();
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();

        first.Services.GetRequiredService<OverrideMetrics>().Record("force_start", "live");
        await firstClient.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));

        var mine = Exposition.Parse(await Exposition.ScrapeAsync(firstClient));
        var theirs = Exposition.Parse(await Exposition.ScrapeAsync(secondClient));
        Assert.Equal(1, mine.Value("healthgate_overrides_total", ("kind", "force_start"), ("mode", "live")));
        Assert.Equal(0, theirs.Value("healthgate_overrides_total", ("kind", "force_start"), ("mode", "live")));
        Assert.Equal(1, mine.Value("healthgate_preflight_runs_total", ("mode", "paper"), ("verdict", "PASS")));
        Assert.Equal(0, theirs.Value("healthgate_preflight_runs_total", ("mode", "paper"), ("verdict", "PASS")));
        Assert.Single(theirs, s => s.Name == "healthgate_ready");
    }
}
