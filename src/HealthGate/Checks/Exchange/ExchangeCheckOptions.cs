using HealthGate.Checks.Http;
using HealthGate.Configuration;

namespace HealthGate.Checks.Exchange;

internal sealed class ExchangeCheckOptions : CheckOptions
{
    public const int MaxTimeSamples = 5;

    public string? PingUrl { get; set; }

    /// <summary>Optional: without it the check proves connectivity only, not clock agreement.</summary>
    public string? TimeUrl { get; set; }

    public string ServerTimePointer { get; set; } = "/serverTime";

    public int MaxClockSkewMs { get; set; } = 1000;

    /// <summary>Time requests per run; the one with the smallest round trip is judged, being the tightest bound.</summary>
    public int TimeSamples { get; set; } = 1;

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
        if (TimeSamples is < 1 or > MaxTimeSamples)
        {
            errors.Add($"{key}:TimeSamples", $"must be between 1 and {MaxTimeSamples}");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(PingUrl, TimeUrl);
}
