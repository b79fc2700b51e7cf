using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Alerting;

/// <summary>
/// Proves the alerts a go-live relies on are loaded in Prometheus (<c>GET {Url}/api/v1/rules</c>) and evaluated (health
/// <c>ok</c>), and, with <c>FailOnFiring</c>, that none of them is firing: a desk must not start trading blind or into
/// an open alert.
/// </summary>
internal sealed class AlertingHealthCheck(AlertingCheckOptions options, HttpProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var url = options.Url!.TrimEnd('/') + "/api/v1/rules";
        using var response = JsonProbeResponse.From(await probe.GetAsync(url, expectedStatus: null, options.Authorization(), cancellationToken));
        if (response.Failure is { } failure)
        {
            return failure;
        }

        if (AlertRuleStates.Read(response.Root, out var error) is not { } rules)
        {
            return CheckOutcome.Unhealthy(Reasons.InvalidResponse, error);
        }

        var data = new Dictionary<string, object> { ["alertRules"] = rules.Count, ["latencyMs"] = response.Response.ElapsedMs };
        var missing = options.RequiredAlerts.Where(a => !rules.IsLoaded(a)).ToArray();
        if (missing.Length > 0)
        {
            data["missing"] = missing;
            return CheckOutcome.Unhealthy(Reasons.MissingAlertRules, $"alert rules not loaded: {string.Join(", ", missing)}", data);
        }

        var unhealthy = options.RequiredAlerts.Select(a => (Alert: a, Rule: rules.Unhealthy(a))).Where(u => u.Rule is not null).ToArray();
        if (unhealthy.Length > 0)
        {
            // A rule Prometheus cannot evaluate (err) or has not evaluated yet (unknown) never fires: loaded is not enough.
            data["unhealthy"] = unhealthy.Select(u => u.Alert).ToArray();
            var shown = unhealthy.Select(u => $"{u.Alert} ({u.Rule!.Health}{(u.Rule.LastError is { } e ? $": {e}" : "")})");
            return CheckOutcome.Unhealthy(Reasons.AlertRuleUnhealthy, $"required alert rules Prometheus does not evaluate: {string.Join("; ", shown)}", data);
        }

        if (!options.FailOnFiring)
        {
            return CheckOutcome.Healthy($"all {options.RequiredAlerts.Length} required alert rules loaded", data);
        }

        var firing = options.RequiredAlerts.Where(a => rules.IsIn(a, AlertRuleStates.Firing)).ToArray();
        if (firing.Length > 0)
        {
            data["firing"] = firing;
            return CheckOutcome.Unhealthy(Reasons.AlertFiring, $"required alerts firing: {string.Join(", ", firing)}", data);
        }

        var pending = options.RequiredAlerts.Where(a => rules.IsIn(a, AlertRuleStates.Pending)).ToArray();
        if (pending.Length > 0)
        {
            data["pending"] = pending;
            return CheckOutcome.Degraded(Reasons.AlertPending, $"required alerts pending: {string.Join(", ", pending)}", data);
        }

        return CheckOutcome.Healthy($"all {options.RequiredAlerts.Length} required alert rules loaded, none firing or pending", data);
    }
}
