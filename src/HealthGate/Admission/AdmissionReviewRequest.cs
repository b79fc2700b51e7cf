using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthGate.Admission;

/// <summary>
/// The request body as OpenAPI describes it: the parts of an AdmissionReview the gate reads. The endpoint reads the
/// JSON by hand (<see cref="AdmissionReviewReader"/>), so every way a review can be wrong is a denial, not a binder error.
/// </summary>
internal sealed record AdmissionReviewRequest(
    [property: JsonPropertyName("apiVersion")] string ApiVersion,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("request")] AdmissionReviewRequestBody Request);

/// <summary><c>request</c>: the uid to echo, the operation, whether it is a dry run, and the object with its labels.</summary>
internal sealed record AdmissionReviewRequestBody(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("operation")] string Operation,
    [property: JsonPropertyName("dryRun")] bool? DryRun,
    [property: JsonPropertyName("namespace")] string? Namespace,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("object")] JsonElement? Object);
