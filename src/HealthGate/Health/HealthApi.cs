using Microsoft.AspNetCore.Http.HttpResults;
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

    /// <summary>The body written at the latest background run (by HealthChecks UI's writer), 503 when Unhealthy.</summary>
    public static ValueTask<ReadinessBody> Ready(ReadinessState state, IOptions<ReadinessOptions> options, TimeProvider time) =>
        state.AnswerAsync(time.GetUtcNow(), options.Value.MaxAge);
}
