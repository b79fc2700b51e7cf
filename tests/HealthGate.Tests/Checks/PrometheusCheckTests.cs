using System.Text.Json;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The <c>prometheus</c> check scraping a real HTTP stand-in's text exposition.</summary>
public sealed class PrometheusCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private const string Exposition = """
        # HELP risk_gate_decisions_total Decisions of the risk gate.
        # TYPE risk_gate_decisions_total counter
        risk_gate_decisions_total{decision="allow"} 41
        risk_gate_decisions_total{decision="block"} 1
        # HELP order_latency_seconds Order round trip.
        # TYPE order_latency_seconds histogram
        order_latency_seconds_bucket{le="0.1"} 3
        order_latency_seconds_bucket{le="+Inf"} 5
        order_latency_seconds_sum 0.7
        order_latency_seconds_count 5
        # HELP ess_triggers_total Emergency stops triggered.
        # TYPE ess_triggers_total counter
        """;

    private static readonly string[] DecisionsAndLatency = ["risk_gate_decisions_total", "order_latency_seconds"];
    private static readonly string[] EssOnly = ["ess_triggers_total"];
    private static readonly string[] DecisionsEssAndFills = ["risk_gate_decisions_total", "ess_triggers_total", "fills_total"];

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task AllRequiredMetricsPresentIsHealthyAndAHistogramCountsByItsBaseName()
    {
        _standIn.Respond("/prom/metrics", 200, Exposition, "text/plain; version=0.0.4");

        var check = await RunAsync(("Url", _standIn.Url("/prom/metrics")), ("RequiredMetrics", DecisionsAndLatency));

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.True(check.Data("metricCount").GetInt32() >= 2);
    }

    [Fact]
    public async Task MissingMetricsAreNamedInDescriptionAndData()
    {
        _standIn.Respond("/prom/metrics", 200, Exposition, "text/plain; version=0.0.4");

        var check = await RunAsync(("Url", _standIn.Url("/prom/metrics")), ("RequiredMetrics", DecisionsEssAndFills));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("missing_metrics", check.Reason());
        Assert.Equal(["ess_triggers_total", "fills_total"], check.Data("missing").Strings());
        Assert.Contains("ess_triggers_total", check.Description(), StringComparison.Ordinal);
        Assert.Contains("fills_total", check.Description(), StringComparison.Ordinal);
        Assert.DoesNotContain("risk_gate_decisions_total", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMetricNamedOnlyInHelpAndTypeLinesIsMissing()
    {
        _standIn.Respond("/prom/help-only", 200, """
            # HELP ess_triggers_total Emergency stops triggered.
            # TYPE ess_triggers_total counter
            up 1
            """);

        var check = await RunAsync(("Url", _standIn.Url("/prom/help-only")), ("RequiredMetrics", EssOnly));

        Assert.Equal("missing_metrics", check.Reason());
    }

    [Fact]
    public async Task AnHtmlPageIsNotAMetricsEndpoint()
    {
        _standIn.Respond("/prom/login", 200, "<html>\n<body>\nPlease log in\n</body>\n</html>\n", "text/html");

        var check = await RunAsync(("Url", _standIn.Url("/prom/login")));

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("missing_metrics", check.Reason());
        Assert.Equal(0, check.Data("metricCount").GetInt32());
    }

    [Fact]
    public async Task ANon2xxStatusIsUnexpectedStatus()
    {
        _standIn.Respond("/prom/forbidden", 403, "forbidden", "text/plain");

        var check = await RunAsync(("Url", _standIn.Url("/prom/forbidden")));

        Assert.Equal("unexpected_status", check.Reason());
    }

    [Fact]
    public async Task AClosedPortIsUnreachable()
    {
        var check = await RunAsync(("Url", $"http://127.0.0.1:{FreePort.Next()}/metrics"));

        Assert.Equal("unreachable", check.Reason());
    }

    [Theory]
    [InlineData(null, null, "HealthGate:Checks:backend-metrics:Url: is required")]
    [InlineData("Url", "metrics", "HealthGate:Checks:backend-metrics:Url: must be an absolute http:// or https:// URL")]
    [InlineData("RequiredMetrics:0", " ", "HealthGate:Checks:backend-metrics:RequiredMetrics:")]
    public void BadConfigurationIsRefusedNamingTheKey(string? key, object? value, string expected)
    {
        (string, object?)[] keys = key is null ? [] : key == "Url" ? [("Url", value)] : [("Url", "http://127.0.0.1/metrics"), (key, value)];

        var errors = CheckJson.ConfigErrors(Check("backend-metrics", "prometheus", "P1", keys));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> RunAsync(params (string Key, object? Value)[] keys)
    {
        await using var app = HealthGateApplication.With(Check("backend-metrics", "prometheus", "P1", keys));
        return await CheckJson.RunAsync(app, "backend-metrics");
    }
}
