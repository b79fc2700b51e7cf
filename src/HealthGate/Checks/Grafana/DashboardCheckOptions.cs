using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using HealthGate.Checks.Probing;
using HealthGate.Configuration;

namespace HealthGate.Checks.Grafana;

internal sealed partial class DashboardCheckOptions : CheckOptions
{
    /// <summary>The Grafana base URL; the check reads <c>{Url}/api/dashboards/uid/{uid}</c>.</summary>
    public string? Url { get; set; }

    /// <summary>A Grafana service-account token, sent as <c>Authorization: Bearer</c>.</summary>
    public string? Token { get; set; }

    /// <summary>Dashboard uids that must exist.</summary>
    public string[] RequiredDashboards { get; set; } = [];

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireBaseUrl($"{key}:Url", Url);
        errors.Require($"{key}:Token", Token);
        errors.RequireNames($"{key}:RequiredDashboards", RequiredDashboards, "list the dashboard uids that must exist");
        if (RequiredDashboards.Any(uid => !string.IsNullOrWhiteSpace(uid) && !Uid().IsMatch(uid)))
        {
            errors.Add($"{key}:RequiredDashboards", "a Grafana uid has 1 to 40 characters of a-z, A-Z, 0-9, '-' and '_'");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(Url).Concat(new[] { Token }.OfType<string>());

    public AuthenticationHeaderValue Authorization() => new("Bearer", Token);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex Uid();
}
