using HealthGate.Checks.Probing;
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

    public const string DefaultUsedWeightHeader = "X-MBX-USED-WEIGHT-1M";

    public const int DefaultMaxUsedWeightPercent = 80;

    // The rate-limit keys are null until configured, so a header or percentage given without WeightLimit (which
    // would silently check nothing) can be refused.

    /// <summary>The ping answer's header carrying the weight used in the exchange's current window.</summary>
    public string? UsedWeightHeader { get; set; }

    /// <summary>The exchange's weight budget per window; unset, the rate-limit headroom is not checked.</summary>
    public int? WeightLimit { get; set; }

    /// <summary>Used weight at or above this share of <see cref="WeightLimit"/> is Unhealthy (<c>rate_limit_headroom</c>).</summary>
    public int? MaxUsedWeightPercent { get; set; }

    public string UsedWeightHeaderName => UsedWeightHeader ?? DefaultUsedWeightHeader;

    public int MaxUsedWeightPercentOrDefault => MaxUsedWeightPercent ?? DefaultMaxUsedWeightPercent;

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ValidateRateLimit(key, errors);
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

    private void ValidateRateLimit(string key, ConfigErrors errors)
    {
        if (WeightLimit is null && (UsedWeightHeader is not null || MaxUsedWeightPercent is not null))
        {
            errors.Add($"{key}:WeightLimit", "is required when UsedWeightHeader or MaxUsedWeightPercent is set; without it the rate-limit headroom is not checked");
        }

        errors.RequirePositive($"{key}:WeightLimit", WeightLimit);
        if (MaxUsedWeightPercent is < 1 or > 100)
        {
            errors.Add($"{key}:MaxUsedWeightPercent", "must be between 1 and 100");
        }

        // An HTTP field name is a token (RFC 9110): a blank or spaced name could never match the header meant.
        if (UsedWeightHeader is not null && (UsedWeightHeader.Length == 0 || !UsedWeightHeader.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c))))
        {
            errors.Add($"{key}:UsedWeightHeader", "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(PingUrl, TimeUrl);
}
