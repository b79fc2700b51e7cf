using System.Text.Json;

namespace HealthGate.Tests.Demo;

/// <summary>One live preflight as the demo desk answers it: the verdict and each check that is not Healthy.</summary>
internal sealed record LivePreflight(string Verdict, int ExitCode, string[] Checks, (string Check, string Reason)[] NotHealthy)
{
    public static async Task<LivePreflight> RunAsync(HttpClient gate)
    {
        using var response = await gate.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var checks = root.GetProperty("checks").EnumerateArray().ToArray();
        return new LivePreflight(
            root.GetProperty("verdict").GetString()!,
            root.GetProperty("exitCode").GetInt32(),
            [.. checks.Select(c => c.GetProperty("name").GetString()!).Order(StringComparer.Ordinal)],
            [.. checks.Where(c => c.GetProperty("status").GetString() != "Healthy")
                .Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("reason").GetString()!))]);
    }

    public override string ToString() => $"{Verdict} ({ExitCode}): {string.Join(", ", NotHealthy.Select(n => $"{n.Check} {n.Reason}"))}";
}
