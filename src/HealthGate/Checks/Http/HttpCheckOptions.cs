using HealthGate.Checks.Probing;
using HealthGate.Configuration;

namespace HealthGate.Checks.Http;

internal sealed class HttpCheckOptions : CheckOptions
{
    public string? Url { get; set; }

    public int ExpectedStatus { get; set; } = 200;

    /// <summary>Slower than this is Degraded (reason <c>slow</c>); unset means no latency bound.</summary>
    public int? MaxLatencyMs { get; set; }

    /// <summary>Text the body must contain (ordinal); unset means the body is not read for content.</summary>
    public string? BodyContains { get; set; }

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireAbsoluteHttpUrl($"{key}:Url", Url);
        if (ExpectedStatus is < 100 or > 599)
        {
            errors.Add($"{key}:ExpectedStatus", "must be an HTTP status code (100-599)");
        }

        errors.RequirePositive($"{key}:MaxLatencyMs", MaxLatencyMs);
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(Url);
}
