using System.Globalization;
using System.Text.Json;
using HealthGate.Auth;
using HealthGate.Contracts;
using HealthGate.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Overrides;

/// <summary>
/// The override lifecycle over HTTP: request, each approver's decision, the launcher's single use, and reads. Every
/// write needs a credential (an API key, a person's key, or a person's bearer token): the caller is who it proves.
/// </summary>
internal static class OverridesApi
{
    /// <summary>A configured person or service key, by API key or bearer token (<see cref="JwtPeople.SchemeName"/>).</summary>
    public const string RecordPolicy = AuthServiceCollectionExtensions.RecordPolicy;

    public static RouteGroupBuilder MapOverridesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/overrides").WithTags("Overrides");
        group.MapPost("/", RequestOverride)
            .WithName("RequestOverride")
            .WithSummary("Requests a force_start (of a P1_FAIL run) or a skip_health_check; pending until every role of its policy approves.")
            .Accepts<OverrideRequest>("application/json")
            .Produces<OverrideRecord>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(RecordPolicy);
        group.MapPost("/{id:long}/approvals", DecideOverride)
            .WithName("DecideOverride")
            .WithSummary("A person approves (filling one role they hold) or rejects a pending override, with their own credential.")
            .Accepts<ApprovalRequest>("application/json")
            .Produces<OverrideRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(RecordPolicy);
        group.MapPost("/{id:long}/use", UseOverride)
            .WithName("UseOverride")
            .WithSummary("The requester or a service key uses an approved override, once, under the configuration it was approved for.")
            .Accepts<UseRequest>("application/json")
            .Produces<OverrideRecord>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(RecordPolicy);
        group.MapGet("/", ListOverrides).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithName("ListOverrides")
            .WithSummary("Overrides newest first, optionally of one state; `after` is the previous page's `next` (limit 1-500, default 20).")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:long}", GetOverride).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithName("GetOverride")
            .WithSummary("One override: who requested it, each decision (person, role, decision, at) and its state.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<IResult> RequestOverride(HttpContext context, OverrideService overrides)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(overrides);

        // The credential was checked before the body is read: an unauthenticated caller learns nothing from validation.
        var (request, bad) = await RequestBody.ReadAsync<OverrideRequest>(context, required: true, "override request");
        return bad ?? Answer(await overrides.RequestAsync(request!, context.User, context.RequestAborted), created: true);
    }

    public static async Task<IResult> DecideOverride(long id, HttpContext context, OverrideService overrides)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(overrides);
        var (decision, bad) = await RequestBody.ReadAsync<ApprovalRequest>(context, required: true, "decision");
        return bad ?? Answer(await overrides.DecideAsync(id, decision!, context.User, context.RequestAborted), created: false);
    }

    public static async Task<IResult> UseOverride(long id, HttpContext context, OverrideService overrides)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(overrides);
        var (use, bad) = await RequestBody.ReadAsync<UseRequest>(context, required: false, "use");
        return bad ?? Answer(await overrides.UseAsync(id, use, context.User, context.RequestAborted), created: false);
    }

    /// <summary>The HTTP answer to an outcome: 201/200 only for a change durably in the log.</summary>
    internal static IResult Answer(OverrideOutcome outcome, bool created) => outcome switch
    {
        OverrideOutcome.Done done when created => TypedResults.Created($"/overrides/{done.Override.Id}", done.Override),
        OverrideOutcome.Done done => TypedResults.Ok(done.Override),
        OverrideOutcome.Invalid invalid => TypedResults.ValidationProblem(
            invalid.Errors,
            title: "The override request is incomplete or invalid",
            detail: $"missing or invalid: {string.Join(", ", invalid.Errors.Keys)}"),
        OverrideOutcome.Refused refused => TypedResults.Problem(title: refused.Title, detail: refused.Detail, statusCode: refused.Status),
        _ => TypedResults.Problem(
            title: "The operational log is unavailable",
            detail: "nothing was recorded and nothing changed; retry when the store is back",
            statusCode: StatusCodes.Status503ServiceUnavailable),
    };

    public static async Task<Results<Ok<Page<OverrideRecord>>, ProblemHttpResult>> ListOverrides(
        string? state,
        string? after,
        string? limit,
        OverrideService overrides,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        if (!ListLimit.TryParse(limit, out var count, out var problem))
        {
            return problem!;
        }

        if (state is not null && !OverrideStates.All.Contains(state))
        {
            return QueryProblem.Bad($"state must be one of {string.Join(", ", OverrideStates.All)}; got '{state}'");
        }

        long? before = null;
        if (after is not null)
        {
            if (!long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
            {
                return QueryProblem.Bad($"after must be the 'next' of a previous page (a whole number); got '{after}'");
            }

            before = cursor;
        }

        return TypedResults.Ok(await overrides.ListAsync(state, before, count, cancellationToken));
    }

    public static async Task<Results<Ok<OverrideRecord>, ProblemHttpResult>> GetOverride(long id, OverrideService overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return await overrides.FindAsync(id, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem(title: "Unknown override", detail: $"no override {id}", statusCode: StatusCodes.Status404NotFound);
    }
}
