using HealthGate.Checks.Probing;
using HealthGate.Configuration;

namespace HealthGate.Checks.Prometheus;

internal sealed class PrometheusCheckOptions : CheckOptions
{
    public string? Url { get; set; }

    public string[] RequiredMetrics { get; set; } = [];

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireAbsoluteHttpUrl($"{key}:Url", Url);
        if (RequiredMetrics.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{key}:RequiredMetrics", "must not contain empty names");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(Url);
}
