using System.Text.Json;
using HealthGate.Checks.Probing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Grafana;

/// <summary>
/// Proves the Grafana dashboards operators watch during a session exist (<c>GET {Url}/api/dashboards/uid/{uid}</c>
/// with the service-account token). A 404 is a missing dashboard; any other failure means it cannot be told.
/// </summary>
internal sealed class DashboardHealthCheck(DashboardCheckOptions options, HttpProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var answers = await Task.WhenAll(options.RequiredDashboards.Select(uid => FetchAsync(uid, cancellationToken)));
        var missing = answers.Where(a => a.Missing).Select(a => a.Uid).ToArray();

        // An answer that cannot be read outranks a missing dashboard: both are Unhealthy, the first is the one to fix.
        if (answers.FirstOrDefault(a => a.Failure is not null) is { Failure: { } failure })
        {
            return failure;
        }

        var data = new Dictionary<string, object> { ["found"] = answers.Length - missing.Length };
        if (missing.Length > 0)
        {
            data["missing"] = missing;
            return CheckOutcome.Unhealthy(Reasons.MissingDashboard, $"dashboards not found: {string.Join(", ", missing)}", data);
        }

        return CheckOutcome.Healthy($"all {answers.Length} required dashboards exist", data);
    }

    private async Task<Answer> FetchAsync(string uid, CancellationToken cancellationToken)
    {
        var url = $"{options.Url!.TrimEnd('/')}/api/dashboards/uid/{Uri.EscapeDataString(uid)}";
        var response = await probe.GetAsync(url, expectedStatus: null, options.Authorization(), cancellationToken);
        if (response.StatusCode == 404)
        {
            return new Answer(uid, Missing: true, null);
        }

        if (response.Failure is { } failure)
        {
            return new Answer(uid, Missing: false, response.StatusCode is 401 or 403
                ? CheckOutcome.Unhealthy(Reasons.UnexpectedStatus, $"Grafana refused the token for dashboard {uid}: HTTP {response.StatusCode}", new Dictionary<string, object> { ["statusCode"] = response.StatusCode })
                : failure);
        }

        using var json = JsonProbeResponse.From(response);
        if (json.Failure is { } notJson)
        {
            return new Answer(uid, Missing: false, notJson);
        }

        var root = json.Root;
        var found = root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("dashboard", out var dashboard) && dashboard.ValueKind == JsonValueKind.Object
            && dashboard.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String
            && dashboard.TryGetProperty("uid", out var answered) && answered.ValueKind == JsonValueKind.String
            ? answered.GetString()
            : null;
        return found switch
        {
            null => new Answer(uid, Missing: false, CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the answer for dashboard {uid} is not a Grafana dashboard (dashboard.uid, dashboard.title, meta)")),
            _ when found != uid => new Answer(uid, Missing: false, CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"asked for dashboard {uid}, Grafana answered {JsonSerializer.Serialize(found)}")),
            _ => new Answer(uid, Missing: false, null),
        };
    }

    private sealed record Answer(string Uid, bool Missing, HealthCheckResult? Failure);
}
