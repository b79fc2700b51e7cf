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
            .WithSummary("The latest preflight runs, newest first (limit 1-500, default 20), optionally of one mode; before=RUNID pages on: the runs started before that one.")
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
        string? before,
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
        if (before is null)
        {
            return TypedResults.Ok(await store.ListRunsAsync(filter, count, cancellationToken));
        }

        // The cursor is a run of the history: its start time and id place the page (a page stays an array).
        if (!RunId.IsValid(before))
        {
            return BadCursor($"before must be a run id (26 characters of Crockford base32); got '{before}'");
        }

        var cursor = await store.FindRunAsync(before, cancellationToken);
        return cursor is null
            ? BadCursor($"no preflight run '{before}' in the history to page from (retention may have pruned it: start again without before)")
            : TypedResults.Ok(await store.ListRunsBeforeAsync(filter, cursor, count, cancellationToken));
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

    private static ProblemHttpResult BadCursor(string detail) =>
        TypedResults.Problem(title: "Bad cursor", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    private static ProblemHttpResult NotFound(string runId) => TypedResults.Problem(
        title: "Unknown run",
        detail: $"no preflight run '{runId}' in the history (it may never have existed, or retention pruned it)",
        statusCode: StatusCodes.Status404NotFound);
}
