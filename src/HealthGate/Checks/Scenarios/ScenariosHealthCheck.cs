using System.Text.Json;
using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Scenarios;

/// <summary>
/// Proves the stress-scenario registry holds the scenarios risk relies on. The body is a JSON array (or an
/// object with a <c>scenarios</c> array) of names, or of objects with a <c>name</c>.
/// </summary>
internal sealed class ScenariosHealthCheck(ScenariosCheckOptions options, HttpProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var response = await probe.GetJsonAsync(options.Url!, cancellationToken);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        var root = response.Root;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("scenarios", out var wrapped))
        {
            root = wrapped;
        }

        if (root.ValueKind != JsonValueKind.Array)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, "expected a JSON array of scenarios");
        }

        var names = root.EnumerateArray().Select(NameOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missing = options.Expected.Where(e => !names.Contains(e)).ToArray();
        var data = new Dictionary<string, object> { ["count"] = names.Count };
        if (missing.Length > 0)
        {
            data["missing"] = missing;
            return CheckOutcome.Unhealthy(Reasons.MissingScenarios, $"missing scenarios: {string.Join(", ", missing)}", data);
        }

        if (options.MinCount is { } min && names.Count < min)
        {
            return CheckOutcome.Unhealthy(Reasons.TooFewScenarios, $"{names.Count} scenarios registered, at least {min} required", data);
        }

        return CheckOutcome.Healthy($"{names.Count} scenarios registered, all {options.Expected.Length} expected present", data);
    }

    private static string? NameOf(JsonElement item) => item.ValueKind switch
    {
        JsonValueKind.String => item.GetString(),
        JsonValueKind.Object when item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String => name.GetString(),
        _ => null,
    };
}
