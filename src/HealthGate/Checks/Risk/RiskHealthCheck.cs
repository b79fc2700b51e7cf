using System.Text.Json;
using HealthGate.Checks.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Risk;

/// <summary>
/// Proves the trading backend's risk state allows trading: the emergency stop (ESS) is off and the global risk
/// level is not a blocking one. A field that is missing proves nothing, so it fails.
/// </summary>
internal sealed class RiskHealthCheck(RiskCheckOptions options, HttpProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var response = await probe.GetJsonAsync(options.Url!, cancellationToken);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        var root = response.Root;
        if (!JsonPointer.TryResolve(root, options.EssActivePointer, out var ess) || ess.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return CheckOutcome.Unhealthy(Reasons.MissingField, $"no boolean ESS state at {options.EssActivePointer}");
        }

        // An active emergency stop is reported even when the level is unreadable: it tells the operator more.
        var essActive = ess.GetBoolean();
        var level = JsonPointer.TryResolve(root, options.LevelPointer, out var levelElement) && levelElement.ValueKind == JsonValueKind.String
            ? levelElement.GetString()!
            : null;
        var data = new Dictionary<string, object> { ["essActive"] = essActive };
        if (level is not null)
        {
            data["level"] = level;
        }

        if (essActive)
        {
            return CheckOutcome.Unhealthy(Reasons.EssActive, "the emergency stop (ESS) is active", data);
        }

        if (level is null)
        {
            return CheckOutcome.Unhealthy(Reasons.MissingField, $"no risk level string at {options.LevelPointer}", data);
        }

        if (options.EffectiveBlockingLevels.Contains(level, StringComparer.OrdinalIgnoreCase))
        {
            return CheckOutcome.Unhealthy(Reasons.RiskCritical, $"global risk level is {level}", data);
        }

        return CheckOutcome.Healthy($"risk level {level}, ESS off", data);
    }
}
