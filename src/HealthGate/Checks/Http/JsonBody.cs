using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Http;

/// <summary>Parses a probed body as JSON; a body that is not JSON is a failed check, not an exception.</summary>
internal static class JsonBody
{
    public static bool TryParse(HttpProbeResponse response, out JsonDocument? document, out HealthCheckResult failure)
    {
        ArgumentNullException.ThrowIfNull(response);
        failure = default;
        try
        {
            document = JsonDocument.Parse(response.Body);
            return true;
        }
        catch (JsonException ex)
        {
            document = null;
            failure = CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the body is not JSON: {ex.Message}");
            return false;
        }
    }
}
