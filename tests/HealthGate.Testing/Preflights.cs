using System.Net;
using System.Text.Json;

namespace HealthGate.Testing;

/// <summary>Asks the in-process service for a preflight, for tests and for the fixtures that wait on one.</summary>
public static class Preflights
{
    /// <summary><c>GET /preflight?mode=</c>: the status code and the parsed body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Json)> GetPreflightAsync(HealthGateApplication app, string mode)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, json);
    }
}
