using System.Text.Json;

namespace HealthGate.Tests.Infrastructure;

/// <summary>Reads /health/ready once the background publisher has produced a run with the wanted check.</summary>
public static class Readiness
{
    public static async Task<string> WaitForEntryAsync(HttpClient client, string check, Func<JsonElement, bool>? until = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var body = "";
        await ProcessRunner.WaitUntilAsync(
            async () =>
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                body = await response.Content.ReadAsStringAsync();
                var root = JsonDocument.Parse(body).RootElement;
                return root.GetProperty("entries").TryGetProperty(check, out _) && (until?.Invoke(root) ?? true);
            },
            TimeSpan.FromSeconds(20),
            $"a readiness run including '{check}'");
        return body;
    }
}
