using System.Text.Json;
using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Risk;

/// <summary>
/// Proves the trading backend's risk state allows trading: the emergency stop (ESS) is a JSON <c>false</c> and
/// the global risk level is one of the allowed ones. Anything else, missing or unreadable, is Unhealthy.
/// </summary>
internal sealed class RiskHealthCheck(RiskCheckOptions options, HttpProbe probe) : IHealthCheck
{
    private readonly RiskLevelPolicy _policy = options.Policy;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var response = await probe.GetJsonAsync(options.Url!, cancellationToken);
        if (response.Failure is { } failure)
        {
            return failure;
        }

        var root = response.Root;
        if (!JsonPointer.TryResolve(root, options.EssActivePointer, out var ess))
        {
            return CheckOutcome.Unhealthy(Reasons.MissingField, $"no ESS state at {options.EssActivePointer}");
        }

        if (ess.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            // "false", 0 or null may mean off to one reader and on to another: only a JSON boolean is an answer.
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the ESS state at {options.EssActivePointer} is a JSON {ess.ValueKind}, not a boolean");
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

        var shown = JsonSerializer.Serialize(level);
        return _policy.Classify(level) switch
        {
            (HealthStatus.Healthy, _) => CheckOutcome.Healthy($"risk level {shown}, ESS off", data),
            (HealthStatus.Degraded, var reason) => CheckOutcome.Degraded(reason, $"risk level {shown} is elevated; trading may go on with care", data),
            (_, Reasons.RiskCritical) => CheckOutcome.Unhealthy(Reasons.RiskCritical, $"global risk level is {shown}", data),
            (_, var reason) => CheckOutcome.Unhealthy(reason, $"risk level {shown} is not one of the allowed levels ({string.Join(", ", _policy.Allowed)})", data),
        };
    }
}
