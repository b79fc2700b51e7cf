using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HealthGate.Admission;

/// <summary>
/// <c>POST /admission/v1/validate</c>, the Kubernetes validating admission webhook. No API key: the API server calls
/// it over TLS (the Service's HTTPS port, a cert-manager certificate) and cannot easily send one; the answer is a
/// read-only decision from the store that reveals no more than the denial a user would see, and a network policy
/// may restrict the port to the API server.
/// </summary>
internal static class AdmissionApi
{
    public const string Path = "/admission/v1/validate";

    /// <summary>An AdmissionReview carries the object and the old object: up to twice Kubernetes' 1.5 MiB object limit.</summary>
    public const long MaxReviewBytes = 3 * 1024 * 1024;

    public static RouteHandlerBuilder MapAdmissionApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapPost(Path, Validate)
            .WithTags("Admission")
            .WithName("ValidateAdmission")
            .WithSummary("Kubernetes AdmissionReview (admission.k8s.io/v1): allows an object labelled healthgate.io/mode only on a fresh GO of that mode or an approved, unused override.")
            .WithDescription("Answers 200 with an AdmissionReview echoing the request's uid for every review it can read (a denial is allowed:false with status.code 403 and a message naming the failing checks and the run); a review without a uid is a 400 problem. Admission:Enforce false (audit mode) allows with warnings.")
            .Accepts<AdmissionReviewRequest>("application/json")
            .Produces<AdmissionReviewResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithMetadata(new RequestSizeLimitAttribute(MaxReviewBytes));
    }

    public static async Task<Results<Ok<AdmissionReviewResponse>, ProblemHttpResult>> Validate(HttpContext context, AdmissionService admission)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(admission);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, AdmissionReviewReader.DocumentOptions, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            admission.Unreadable(null, $"not JSON: {ex.Message}");
            return Bad($"the body is not JSON: {ex.Message}");
        }
        catch (BadHttpRequestException ex)
        {
            return TypedResults.Problem(title: "Bad AdmissionReview", detail: ex.Message, statusCode: ex.StatusCode);
        }

        using (document)
        {
            var read = AdmissionReviewReader.Read(document.RootElement);
            if (read.Request is { } request)
            {
                return TypedResults.Ok(new AdmissionReviewResponse(await admission.ReviewAsync(request, context.RequestAborted)));
            }

            return admission.Unreadable(read.Uid, read.Problem!) is { } denied
                ? TypedResults.Ok(new AdmissionReviewResponse(denied))
                : Bad($"{read.Problem}: an {AdmissionReviewReader.ApiVersion} {AdmissionReviewReader.Kind} with request.uid is expected");
        }
    }

    private static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(title: "Bad AdmissionReview", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
