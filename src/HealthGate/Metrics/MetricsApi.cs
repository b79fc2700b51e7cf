namespace HealthGate.Metrics;

/// <summary>Prometheus scrapes <c>/metrics</c>; the exposition is written by <see cref="ExpositionWriter"/>.</summary>
internal static class MetricsApi
{
    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/metrics").WithTags("Metrics");
        group.MapGet("", Scrape)
            .WithName("Metrics")
            .WithSummary("Prometheus text exposition 0.0.4: check gauges, preflight and override counters, process metrics.")
            .Produces<string>(StatusCodes.Status200OK, ExpositionWriter.ContentType);
        return group;
    }

    public static ExpositionResult Scrape(GateMetrics metrics) => new(metrics);
}
