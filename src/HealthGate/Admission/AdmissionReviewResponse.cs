using System.Text.Json.Serialization;

namespace HealthGate.Admission;

/// <summary>The <c>AdmissionReview</c> the gate answers with: the request's uid echoed, allowed or not, and why.</summary>
internal sealed record AdmissionReviewResponse(
    [property: JsonPropertyName("response")] AdmissionResponse Response)
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; init; } = AdmissionReviewReader.ApiVersion;

    [JsonPropertyName("kind")]
    public string Kind { get; init; } = AdmissionReviewReader.Kind;
}

/// <summary><c>response</c> of an AdmissionReview: a denial carries <see cref="Status"/>; audit mode and overrides speak in <see cref="Warnings"/>.</summary>
internal sealed record AdmissionResponse(
    [property: JsonPropertyName("uid")] string Uid,
    [property: JsonPropertyName("allowed")] bool Allowed)
{
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public AdmissionStatus? Status { get; init; }

    [JsonPropertyName("warnings")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Warnings { get; init; }
}

/// <summary>The <c>metav1.Status</c> of a denial: the API server shows <see cref="Message"/> to whoever applied the object.</summary>
internal sealed record AdmissionStatus(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message)
{
    [JsonPropertyName("reason")]
    public string Reason { get; init; } = "Forbidden";
}
