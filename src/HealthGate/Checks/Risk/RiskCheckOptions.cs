using HealthGate.Checks.Http;
using HealthGate.Configuration;

namespace HealthGate.Checks.Risk;

internal sealed class RiskCheckOptions : CheckOptions
{
    public string? Url { get; set; }

    public string LevelPointer { get; set; } = "/global_risk/level";

    /// <summary>Null until configured: a default list would be appended to by the binder, not replaced.</summary>
    public string[]? BlockingLevels { get; set; }

    public string EssActivePointer { get; set; } = "/ess/active";

    public IReadOnlyList<string> EffectiveBlockingLevels => BlockingLevels ?? ["CRITICAL"];

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireAbsoluteHttpUrl($"{key}:Url", Url);
        errors.RequireJsonPointer($"{key}:LevelPointer", LevelPointer);
        errors.RequireJsonPointer($"{key}:EssActivePointer", EssActivePointer);
        if (BlockingLevels is { Length: 0 })
        {
            errors.Add($"{key}:BlockingLevels", "must list at least one level");
        }
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(Url);
}
