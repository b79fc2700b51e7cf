using System.Globalization;
using System.Text.Json.Nodes;

namespace HealthGate.DemoBackend;

/// <summary>
/// What the demo desk's checks read: the risk state, an exchange's ping (with its used request weight) and time, the
/// venue's system status (Kraken's format), the backend's metrics, the stress-scenario registry and an execution
/// service's readiness, each answering as <see cref="DeskFaults"/> says.
/// </summary>
internal static class BackendApi
{
    /// <summary>The scenarios of samples/desk.json, the registry a real desk's risk team relies on.</summary>
    public static readonly string[] Scenarios =
        ["flash_crash", "exchange_outage", "liquidity_crunch", "correlation_breakdown", "volatility_spike", "api_rate_limit", "network_partition"];

    public static IEndpointRouteBuilder MapBackendApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/risk/state", RiskState);
        endpoints.MapGet("/api/v3/ping", Ping);
        endpoints.MapGet("/api/v3/time", ServerTime);
        endpoints.MapGet("/0/public/SystemStatus", VenueStatus);
        endpoints.MapGet("/metrics", Metrics);
        endpoints.MapGet("/stress/scenarios", StressScenarios);
        endpoints.MapGet("/health/ready", ExecutionReady);
        return endpoints;
    }

    public static SmallBody RiskState(DeskFaults faults)
    {
        var state = faults.Current;
        var body = new JsonObject
        {
            ["global_risk"] = new JsonObject { ["level"] = state.RiskLevel },
            ["ess"] = new JsonObject { ["active"] = state.EssActive },
        };
        return SmallBody.Of(body.ToJsonString());
    }

    /// <summary>Binance's empty ping answer, with the request weight used this minute as Binance reports it.</summary>
    public static SmallBody Ping(DeskFaults faults) =>
        SmallBody.Of("{}").WithHeader("X-MBX-USED-WEIGHT-1M", faults.Current.UsedWeight.ToString(CultureInfo.InvariantCulture));

    /// <summary>Kraken's <c>GET /0/public/SystemStatus</c> answer.</summary>
    public static SmallBody VenueStatus(DeskFaults faults, TimeProvider time)
    {
        var result = new JsonObject
        {
            ["status"] = faults.Current.VenueStatus,
            ["timestamp"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        return SmallBody.Of(new JsonObject { ["error"] = new JsonArray(), ["result"] = result }.ToJsonString());
    }

    public static SmallBody ServerTime(DeskFaults faults, TimeProvider time)
    {
        var serverTime = time.GetUtcNow().ToUnixTimeMilliseconds() + faults.Current.SkewMs;
        return SmallBody.Of(new JsonObject { ["serverTime"] = serverTime }.ToJsonString());
    }

    public static SmallBody Metrics(DeskFaults faults)
    {
        var text = """
            # HELP risk_gate_decisions_total Orders the risk gate decided on, by decision.
            # TYPE risk_gate_decisions_total counter
            risk_gate_decisions_total{decision="allow"} 1280
            risk_gate_decisions_total{decision="deny"} 17

            """;
        if (!faults.Current.MetricsMissing)
        {
            // The fault drops this family, as a backend that lost its ESS instrumentation would.
            text += $"""
                # HELP ess_triggers_total Times the emergency stop was switched on.
                # TYPE ess_triggers_total counter
                ess_triggers_total {faults.EssTriggers.ToString(CultureInfo.InvariantCulture)}

                """;
        }

        return SmallBody.Of(text, SmallBody.PrometheusText);
    }

    public static SmallBody StressScenarios()
    {
        var items = new JsonArray([.. Scenarios.Select(name => (JsonNode)new JsonObject { ["name"] = name })]);
        return SmallBody.Of(new JsonObject { ["scenarios"] = items }.ToJsonString());
    }

    public static SmallBody ExecutionReady(DeskFaults faults) => faults.Current.ExecutionDown
        ? SmallBody.Of("""{"status":"Unhealthy"}""", statusCode: StatusCodes.Status503ServiceUnavailable)
        : SmallBody.Of("""{"status":"Healthy"}""");
}
