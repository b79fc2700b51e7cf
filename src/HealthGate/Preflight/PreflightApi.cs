using HealthGate.Runs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Preflight;

/// <summary>The launcher's endpoint: a fresh go/no-go verdict for a mode.</summary>
internal static class PreflightApi
{
    public static RouteGroupBuilder MapPreflightApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/preflight").WithTags("Preflight");
        group.MapGet("/", RunPreflight)
            .WithName("RunPreflight")
            .WithSummary("Runs the checks of a mode now and returns the verdict.")
            .Produces<PreflightRun>(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(ClientRateLimit.PolicyName);
        return group;
    }

    public static async Task<Results<Ok<PreflightRun>, JsonHttpResult<PreflightRun>, ProblemHttpResult>> RunPreflight(
        string? mode,
        PreflightModes modes,
        PreflightService preflight)
    {
        if (!modes.TryGet(mode, out var name, out var tiers))
        {
            return TypedResults.Problem(
                title: "Unknown mode",
                detail: $"mode '{mode}' is not configured; known modes: {string.Join(", ", modes.Names)}",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var run = await preflight.RunAsync(name, tiers);
        return run.Verdict.IsGo()
            ? TypedResults.Ok(run)
            : TypedResults.Json(run, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
