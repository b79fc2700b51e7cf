using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Health;

/// <summary>Kubernetes probes. Liveness touches nothing; readiness answers from the background run.</summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", Live).WithName("Live").WithSummary("200 while the process serves; touches no dependency.");
        group.MapGet("/ready", Ready).WithName("Ready").WithSummary("Readiness from the latest background run (HealthChecks UI format).");
        return group;
    }

    public static Ok<LiveResponse> Live() => TypedResults.Ok(LiveResponse.Healthy);

    public static Results<Ok<ReadinessResponse>, JsonHttpResult<ReadinessResponse>> Ready(
        ReadinessState state,
        IOptions<ReadinessOptions> options,
        TimeProvider time)
    {
        var response = ReadinessResponse.From(state.Latest, time.GetUtcNow(), options.Value.MaxAge);
        return response.Status == HealthStatus.Unhealthy
            ? TypedResults.Json(response, statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(response);
    }
}

internal sealed record LiveResponse(string Status)
{
    public static LiveResponse Healthy { get; } = new("Healthy");
}
