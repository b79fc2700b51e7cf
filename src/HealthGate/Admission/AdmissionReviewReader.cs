using System.Text.Json;

namespace HealthGate.Admission;

/// <summary>
/// Reads an <c>admission.k8s.io/v1</c> <c>AdmissionReview</c> as the API server sends it. Anything that is not one
/// (another version or kind, no request, no uid, an operation that is not a string, a create or update without an
/// object, labels that are not strings, a property given twice) is unreadable, and unreadable is denied.
/// </summary>
internal static class AdmissionReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    private static readonly string[] Operations = [AdmissionRequest.Create, AdmissionRequest.Update, "DELETE", "CONNECT"];

    /// <summary>A property named twice has no one meaning: the review is refused rather than read last-wins.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 128 };

    public static AdmissionRead Read(JsonElement review)
    {
        if (review.ValueKind != JsonValueKind.Object)
        {
            return AdmissionRead.Unreadable(null, "the body is not a JSON object");
        }

        var request = review.TryGetProperty("request", out var r) && r.ValueKind == JsonValueKind.Object ? r : (JsonElement?)null;
        var uid = request is { } req && req.TryGetProperty("uid", out var u) && u.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(u.GetString())
            ? u.GetString()
            : null;
        if (Text(review, "apiVersion") != ApiVersion || Text(review, "kind") != Kind)
        {
            return AdmissionRead.Unreadable(uid, $"not an {ApiVersion} {Kind} (apiVersion '{Text(review, "apiVersion")}', kind '{Text(review, "kind")}')");
        }

        if (request is not { } body)
        {
            return AdmissionRead.Unreadable(null, "the AdmissionReview has no request");
        }

        if (uid is null)
        {
            return AdmissionRead.Unreadable(null, "the request has no uid");
        }

        var operation = Text(body, "operation");
        if (operation is null || !Operations.Contains(operation, StringComparer.Ordinal))
        {
            return AdmissionRead.Unreadable(uid, $"unknown operation '{operation}'");
        }

        var dryRun = body.TryGetProperty("dryRun", out var d) && d.ValueKind == JsonValueKind.True;
        var resource = body.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.Object ? Text(k, "kind") ?? "object" : "object";
        var read = new AdmissionRequest(uid, operation, dryRun, resource, Text(body, "namespace"), Text(body, "name"), null);
        if (!read.IsGated)
        {
            return new(read, uid, null);
        }

        if (!body.TryGetProperty("object", out var obj) || obj.ValueKind != JsonValueKind.Object)
        {
            return AdmissionRead.Unreadable(uid, $"a {operation} without an object");
        }

        if (!obj.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("labels", out var labels) || labels.ValueKind == JsonValueKind.Null)
        {
            return new(read, uid, null);
        }

        if (labels.ValueKind != JsonValueKind.Object || labels.EnumerateObject().Any(l => l.Value.ValueKind != JsonValueKind.String))
        {
            return AdmissionRead.Unreadable(uid, "metadata.labels is not a map of strings");
        }

        var map = labels.EnumerateObject().ToDictionary(l => l.Name, l => l.Value.GetString()!, StringComparer.Ordinal);
        return new(read with { Labels = map }, uid, null);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
