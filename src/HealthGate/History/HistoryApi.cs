using System.Text;
using HealthGate.Auth;
using HealthGate.Http;
using HealthGate.Overrides;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.History;

/// <summary>Past preflight runs: the latest, one by id as preflight JSON, and one as a Markdown report.</summary>
internal static class HistoryApi
{
    public const string MarkdownContentType = "text/markdown";

    public static RouteGroupBuilder MapHistoryApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/preflight/runs").WithTags("History").RequireAuthorization(ReadPolicyProvider.ReadPolicy);
        group.MapGet("/", ListRuns)
            .WithName("ListRuns")
            .WithSummary("The latest preflight runs, newest first (limit 1-500, default 20), optionally of one mode.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{runId}", GetRun)
            .WithName("GetRun")
            .WithSummary("One preflight run as preflight JSON.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{runId}/report.md", GetReport)
            .WithName("GetRunReport")
            .WithSummary("One preflight run as a Markdown report.")
            .Produces<string>(StatusCodes.Status200OK, MarkdownContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<PreflightRun>>, ProblemHttpResult>> ListRuns(
        string? mode,
        string? limit,
        IRunStore store,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ListLimit.TryParse(limit, out var count, out var problem))
        {
            return problem!;
        }

        // Runs are stored under the lower-case mode name the preflight endpoint resolved.
        var filter = string.IsNullOrEmpty(mode) ? null : mode.ToLowerInvariant();
        return TypedResults.Ok(await store.ListRunsAsync(filter, count, cancellationToken));
    }

    public static async Task<Results<Ok<PreflightRun>, ProblemHttpResult>> GetRun(string runId, IRunStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = await store.FindRunAsync(runId, cancellationToken);
        return run is null ? NotFound(runId) : TypedResults.Ok(run);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetReport(string runId, IRunStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var run = await store.FindRunAsync(runId, cancellationToken);
        return run is null ? NotFound(runId) : TypedResults.Text(RunReport.Markdown(run), MarkdownContentType, Encoding.UTF8);
    }

    private static ProblemHttpResult NotFound(string runId) => TypedResults.Problem(
        title: "Unknown run",
        detail: $"no preflight run '{runId}' in the history (it may never have existed, or retention pruned it)",
        statusCode: StatusCodes.Status404NotFound);
}
