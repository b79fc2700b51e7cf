using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Probing;

/// <summary>A probed body parsed as JSON, or the failure that stands for it (transport, status, or not JSON).</summary>
internal sealed class JsonProbeResponse : IDisposable
{
    /// <summary>A property given twice (ESS <c>true</c> then <c>false</c>) has no one meaning: refuse it rather than read the last.</summary>
    public static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private readonly JsonDocument? _document;

    private JsonProbeResponse(HttpProbeResponse response, JsonDocument? document, HealthCheckResult? failure)
    {
        Response = response;
        _document = document;
        Failure = failure;
    }

    public HttpProbeResponse Response { get; }

    public HealthCheckResult? Failure { get; }

    /// <summary>The document's root; only valid when <see cref="Failure"/> is null.</summary>
    public JsonElement Root => _document?.RootElement ?? throw new InvalidOperationException("the probe failed; there is no document");

    public static JsonProbeResponse From(HttpProbeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Failure is { } failure)
        {
            return new(response, null, failure);
        }

        try
        {
            return new(response, JsonDocument.Parse(response.Body, Strict), null);
        }
        catch (JsonException ex)
        {
            return new(response, null, CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the body is not JSON: {ex.Message}"));
        }
    }

    public void Dispose() => _document?.Dispose();
}
