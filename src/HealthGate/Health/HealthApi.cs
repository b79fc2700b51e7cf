using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Health;

/// <summary>
/// Kubernetes probes. Liveness touches nothing; readiness answers from the background run (the desk's dependencies);
/// self says whether the gate itself can give verdicts, whatever the desk's checks say.
/// </summary>
internal static class HealthApi
{
    public static RouteGroupBuilder MapHealthApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/health").WithTags("Health");
        // Short-circuited: answered right after routing, past the exception handler, status pages, authentication,
        // authorization and rate limiter, none of which applies to a constant answer (docs/performance.md).
        group.MapGet("/live", Live).WithName("Live").WithSummary("200 while the process serves; touches no dependency.").ShortCircuit();
        group.MapGet("/ready", Ready).WithName("Ready").WithSummary("Readiness from the latest background run (HealthChecks UI format).");
        group.MapGet("/self", Self)
            .WithName("Self")
            .WithSummary("200 when the gate itself can give verdicts (configuration valid, store writable, background loop alive), else 503; never depends on the desk's checks.")
            .Produces<SelfReport>(StatusCodes.Status503ServiceUnavailable);
        return group;
    }

    public static Ok<LiveResponse> Live() => TypedResults.Ok(LiveResponse.Healthy);

    /// <summary>The body written at the latest background run (by HealthChecks UI's writer), 503 when Unhealthy.</summary>
    public static ValueTask<ReadinessBody> Ready(ReadinessState state, IOptions<ReadinessOptions> options, TimeProvider time) =>
        state.AnswerAsync(time.GetUtcNow(), options.Value.MaxAge);

    /// <summary>Every self-condition from memory: the gate's own Kubernetes readiness, so it stays reachable while the desk is down.</summary>
    public static Results<Ok<SelfReport>, JsonHttpResult<SelfReport>> Self([FromServices] IEnumerable<ISelfCondition> conditions, TimeProvider time)
    {
        var report = SelfReport.Of(conditions, time.GetUtcNow());
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
