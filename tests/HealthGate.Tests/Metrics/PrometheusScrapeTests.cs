using System.Globalization;
using System.Text.Json;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Metrics;

/// <summary>A real Prometheus scrapes the service over a real socket and answers queries for its series.</summary>
public sealed class PrometheusScrapeTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task ARealPrometheusScrapesCheckStatusAndThePreflightHistogram()
    {
        _standIn.Respond("/scrape-ok", 200, "ok");
        await using var app = HealthGateApplication.With([.. Check("core", "http", "P0", ("Url", _standIn.Url("/scrape-ok")))]);
        var port = FreePort.Next();
        app.UseKestrel(port);
        app.StartServer();
        using var client = app.CreateClient();
        await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        await using var prometheus = new PrometheusServer();

        await prometheus.StartAsync("healthgate", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

        JsonElement status = default;
        JsonElement runs = default;
        await ProcessRunner.WaitUntilAsync(
            async () => (status = await prometheus.QueryAsync("healthgate_check_status == 1")).GetArrayLength() > 0
                && (runs = await prometheus.QueryAsync("healthgate_preflight_duration_seconds_count{mode=\"paper\"} >= 1")).GetArrayLength() > 0,
            TimeSpan.FromSeconds(60),
            $"Prometheus answering healthgate_check_status; it printed:\n{prometheus.Output}");
        var metric = Assert.Single(status.EnumerateArray()).GetProperty("metric");
        Assert.Equal("core", metric.GetProperty("check").GetString());
        Assert.Equal("P0", metric.GetProperty("tier").GetString());
        Assert.Equal("http", metric.GetProperty("type").GetString());
        Assert.Equal("healthgate", metric.GetProperty("job").GetString());
        Assert.Equal("paper", Assert.Single(runs.EnumerateArray()).GetProperty("metric").GetProperty("mode").GetString());
    }
}
