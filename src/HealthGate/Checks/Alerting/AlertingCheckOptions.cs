using System.Net.Http.Headers;
using System.Text;
using HealthGate.Checks.Probing;
using HealthGate.Configuration;

namespace HealthGate.Checks.Alerting;

internal sealed class AlertingCheckOptions : CheckOptions
{
    /// <summary>The Prometheus base URL; the check reads <c>{Url}/api/v1/rules</c>.</summary>
    public string? Url { get; set; }

    /// <summary>Alert rule names (ordinal, as Prometheus compares them) that must be loaded.</summary>
    public string[] RequiredAlerts { get; set; } = [];

    /// <summary>When set, a required alert that is firing is Unhealthy and one that is pending is Degraded.</summary>
    public bool FailOnFiring { get; set; }

    /// <summary>Optional bearer token for a Prometheus behind an authenticating proxy.</summary>
    public string? Token { get; set; }

    /// <summary>Optional basic-auth user; needs <see cref="Password"/>.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireBaseUrl($"{key}:Url", Url);
        errors.RequireNames($"{key}:RequiredAlerts", RequiredAlerts, "list the alert rules that must be loaded");
        if (Token is not null && (Username is not null || Password is not null))
        {
            errors.Add($"{key}:Token", "set either Token or Username and Password, not both");
        }

        if ((Username is null) != (Password is null))
        {
            errors.Add($"{key}:{(Username is null ? "Username" : "Password")}", "is required with " + (Username is null ? "Password" : "Username"));
        }

        if (Token is { } token && string.IsNullOrWhiteSpace(token))
        {
            errors.Add($"{key}:Token", "must not be empty");
        }
    }

    public override IEnumerable<string> Secrets() =>
        UrlSecrets.Of(Url).Concat(new[] { Token, Password }.OfType<string>())
            .Concat(Username is not null && Password is not null ? [Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}"))] : []);

    public AuthenticationHeaderValue? Authorization() =>
        Token is not null ? new AuthenticationHeaderValue("Bearer", Token)
        : Username is not null && Password is not null ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")))
        : null;
}
