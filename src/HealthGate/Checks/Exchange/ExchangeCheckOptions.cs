using HealthGate.Checks.Http;
using HealthGate.Configuration;

namespace HealthGate.Checks.Exchange;

internal sealed class ExchangeCheckOptions : CheckOptions
{
    public string? PingUrl { get; set; }

    /// <summary>Optional: without it the check proves connectivity only, not clock agreement.</summary>
    public string? TimeUrl { get; set; }

    public string ServerTimePointer { get; set; } = "/serverTime";

    public int MaxClockSkewMs { get; set; } = 1000;

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireAbsoluteHttpUrl($"{key}:PingUrl", PingUrl);
        if (TimeUrl is not null)
        {
            errors.RequireAbsoluteHttpUrl($"{key}:TimeUrl", TimeUrl);
        }

        errors.RequireJsonPointer($"{key}:ServerTimePointer", ServerTimePointer);
        errors.RequirePositive($"{key}:MaxClockSkewMs", MaxClockSkewMs);
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(PingUrl, TimeUrl);
}
