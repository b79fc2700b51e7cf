using HealthGate.Auth;
using HealthGate.Contracts;
using HealthGate.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Acknowledgements;

/// <summary>
/// A person silences one check's notifications for some minutes, with their own credential and a reason; and the list
/// of those in force. The verdict of every run is unchanged by them.
/// </summary>
internal static class AcknowledgementsApi
{
    public static IEndpointRouteBuilder MapAcknowledgementsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/checks/{name}/acknowledgements", Acknowledge)
            .WithTags("Acknowledgements")
            .WithName("AcknowledgeCheck")
            .WithSummary($"A person silences one check's notifications for 1-{AcknowledgementRules.MaxMinutes} minutes, with a reason; the verdict is unchanged. Recorded in the operational log.")
            .Accepts<AcknowledgementRequest>("application/json")
            .Produces<AcknowledgementRecord>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireAuthorization(AuthServiceCollectionExtensions.RecordPolicy);
        endpoints.MapGet("/acknowledgements", ListAcknowledgements)
            .WithTags("Acknowledgements")
            .WithName("ListAcknowledgements")
            .WithSummary("The acknowledgements in force now (until later than now), soonest to end first.")
            .RequireAuthorization(ReadPolicyProvider.ReadPolicy);
        return endpoints;
    }

    public static async Task<IResult> Acknowledge(string name, HttpContext context, AcknowledgementService acknowledgements)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(acknowledgements);
        // The caller and the check are refused before the body is read: a service key learns nothing from validation.
        if (acknowledgements.Refusal(name, context.User) is { } refused)
        {
            return Answer(refused);
        }

        var (request, bad) = await RequestBody.ReadAsync<AcknowledgementRequest>(context, required: true, "acknowledgement");
        return bad ?? Answer(await acknowledgements.AcknowledgeAsync(name, request!, context.User, context.RequestAborted));
    }

    internal static IResult Answer(AcknowledgementOutcome outcome) => outcome switch
    {
        AcknowledgementOutcome.Done done => TypedResults.Created($"/acknowledgements#{done.Acknowledgement.Id}", done.Acknowledgement),
        AcknowledgementOutcome.Invalid invalid => TypedResults.ValidationProblem(
            invalid.Errors,
            title: "The acknowledgement is incomplete or invalid",
            detail: $"missing or invalid: {string.Join(", ", invalid.Errors.Keys)}"),
        AcknowledgementOutcome.Refused refused => TypedResults.Problem(title: refused.Title, detail: refused.Detail, statusCode: refused.Status),
        _ => TypedResults.Problem(
            title: "The operational log is unavailable",
            detail: "nothing was recorded and nothing is silenced; retry when the store is back",
            statusCode: StatusCodes.Status503ServiceUnavailable),
    };

    public static Ok<IReadOnlyList<AcknowledgementRecord>> ListAcknowledgements(AcknowledgementBook book, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(time);
        return TypedResults.Ok(book.Current(time.GetUtcNow()));
    }
}
