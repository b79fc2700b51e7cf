namespace HealthGate.Metrics;

/// <summary>
/// Prometheus scrapes <c>/metrics</c>. A route handler rather than prometheus-net's <c>MapMetrics</c> middleware, so
/// the endpoint stays in the OpenAPI document like every other.
/// </summary>
internal static class MetricsApi
{
    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/metrics").WithTags("Metrics");
        group.MapGet("", Scrape)
            .WithName("Metrics")
            .WithSummary("Prometheus text exposition 0.0.4: check gauges, preflight and override counters, process metrics.")
            .Produces<string>(StatusCodes.Status200OK, MetricsExporter.ContentType);
        return group;
    }

    public static ExpositionResult Scrape(MetricsExporter exporter) => new(exporter);
}
