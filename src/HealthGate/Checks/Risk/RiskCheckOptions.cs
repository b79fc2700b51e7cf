using HealthGate.Checks.Probing;
using HealthGate.Configuration;

namespace HealthGate.Checks.Risk;

internal sealed class RiskCheckOptions : CheckOptions
{
    public string? Url { get; set; }

    public string LevelPointer { get; set; } = "/global_risk/level";

    // Lists are null until configured: a default list would be appended to by the binder, not replaced.

    /// <summary>The levels that allow trading; every other level is Unhealthy.</summary>
    public string[]? AllowedLevels { get; set; }

    /// <summary>Levels that allow trading with a warning (Degraded, <c>risk_elevated</c>).</summary>
    public string[]? DegradedLevels { get; set; }

    /// <summary>Levels reported as <c>risk_critical</c> rather than <c>unknown_risk_level</c>; CRITICAL always is.</summary>
    public string[]? BlockingLevels { get; set; }

    public string EssActivePointer { get; set; } = "/ess/active";

    public RiskLevelPolicy Policy => new(AllowedLevels ?? ["NORMAL"], DegradedLevels ?? [], BlockingLevels ?? []);

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.RequireAbsoluteHttpUrl($"{key}:Url", Url);
        errors.RequireJsonPointer($"{key}:LevelPointer", LevelPointer);
        errors.RequireJsonPointer($"{key}:EssActivePointer", EssActivePointer);
        if (AllowedLevels is { Length: 0 })
        {
            errors.Add($"{key}:AllowedLevels", "must list at least one level");
        }

        RiskLevelPolicy.ValidateLevels($"{key}:AllowedLevels", AllowedLevels, errors);
        RiskLevelPolicy.ValidateLevels($"{key}:DegradedLevels", DegradedLevels, errors);
        RiskLevelPolicy.ValidateLevels($"{key}:BlockingLevels", BlockingLevels, errors);
        Policy.ValidateOverlaps(key, errors);
    }

    public override IEnumerable<string> Secrets() => UrlSecrets.Of(Url);
}
