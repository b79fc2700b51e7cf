using System.Text.Json;
using HealthGate.Auth;
using HealthGate.Http;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Overrides;

/// <summary>Recording force-starts and skips (API key, approvals), and reading them back from the operational log.</summary>
internal static class OverridesApi
{
    /// <summary>Recording an override needs a configured API key (<see cref="ApiKeyAuthenticationHandler"/>).</summary>
    public const string RecordPolicy = AuthServiceCollectionExtensions.RecordPolicy;

    public static RouteGroupBuilder MapOverridesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/overrides").WithTags("Overrides");
        group.MapPost("/", RecordOverride)
            .WithName("RecordOverride")
            .WithSummary("Records a force_start (P1_FAIL runs only) or a skip_health_check, durably, before answering 201.")
            .Accepts<OverrideRequest>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(RecordPolicy);
        group.MapGet("/", ListOverrides).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithName("ListOverrides")
            .WithSummary("The overrides of the operational log, newest first (limit 1-500, default 20).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:long}", GetOverride).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithName("GetOverride")
            .WithSummary("One override of the operational log.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Created<OpLogEntry>, ValidationProblem, ProblemHttpResult>> RecordOverride(
        HttpContext context,
        OverrideRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(recorder);

        // The API key was checked before the body is read: an unauthenticated caller learns nothing from validation.
        var keyName = context.User.Identity?.Name;
        OverrideRequest? request;
        try
        {
            request = context.Request.HasJsonContentType()
                ? await context.Request.ReadFromJsonAsync<OverrideRequest>(context.RequestAborted)
                : null;
        }
        catch (JsonException ex)
        {
            return BadBody($"the body is not a valid override request: {ex.Message}");
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own refusal, e.g. 413 for a body over the limit: answered with its status, as a problem.
            return TypedResults.Problem(title: "Bad override request", detail: ex.Message, statusCode: ex.StatusCode);
        }

        return request is null
            ? BadBody("send a JSON override request with Content-Type: application/json")
            : Answer(await recorder.RecordAsync(request, keyName, context.RequestAborted));
    }

    /// <summary>The HTTP answer to a decision: 201 only for an override durably in the log.</summary>
    internal static Results<Created<OpLogEntry>, ValidationProblem, ProblemHttpResult> Answer(OverrideDecision decision) => decision switch
    {
        OverrideDecision.Accepted accepted => TypedResults.Created($"/overrides/{accepted.Entry.Id}", accepted.Entry),
        OverrideDecision.Invalid invalid => TypedResults.ValidationProblem(
            invalid.Errors,
            title: "The override request is incomplete or invalid",
            detail: $"missing or invalid: {string.Join(", ", invalid.Errors.Keys)}"),
        OverrideDecision.NotFound notFound => Problem(StatusCodes.Status404NotFound, "Unknown run", $"no preflight run '{notFound.RunId}' in the history"),
        OverrideDecision.Conflict { RecordedEntryId: { } id } conflict =>
            Problem(StatusCodes.Status409Conflict, "P0 has no override", $"{conflict.Cause} (the attempt is recorded as operational log entry {id})"),
        OverrideDecision.Conflict conflict => Problem(StatusCodes.Status409Conflict, "Nothing to override", conflict.Cause),
        _ => Problem(StatusCodes.Status503ServiceUnavailable, "The operational log is unavailable", "the override was NOT recorded; retry when the store is back"),
    };

    public static async Task<Results<Ok<IReadOnlyList<OpLogEntry>>, ProblemHttpResult>> ListOverrides(
        string? limit,
        IOpLogStore store,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return ListLimit.TryParse(limit, out var count, out var problem)
            ? TypedResults.Ok(await store.ListEntriesAsync(OpLogKinds.Overrides, count, cancellationToken))
            : problem!;
    }

    public static async Task<Results<Ok<OpLogEntry>, ProblemHttpResult>> GetOverride(long id, IOpLogStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var entry = await store.FindEntryAsync(id, cancellationToken);
        return entry is not null && OpLogKinds.Overrides.Contains(entry.Kind)
            ? TypedResults.Ok(entry)
            : TypedResults.Problem(title: "Unknown override", detail: $"no override {id} in the operational log", statusCode: StatusCodes.Status404NotFound);
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: status);

    private static ProblemHttpResult BadBody(string detail) =>
        TypedResults.Problem(title: "Bad override request", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
