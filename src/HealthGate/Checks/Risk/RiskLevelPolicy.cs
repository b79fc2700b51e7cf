using HealthGate.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Risk;

/// <summary>
/// The risk level as an allow-list: only a listed level lets trading go on. Matching ignores ASCII case and
/// nothing else, so a padded, empty, look-alike or invisible-character level is never an allowed one.
/// </summary>
internal sealed class RiskLevelPolicy(IReadOnlyList<string> allowed, IReadOnlyList<string> degraded, IReadOnlyList<string> blocking)
{
    /// <summary>Always <c>risk_critical</c>, whatever is configured: it can be neither allowed nor degraded.</summary>
    public const string Critical = "CRITICAL";

    public IReadOnlyList<string> Allowed { get; } = allowed;

    public IReadOnlyList<string> Degraded { get; } = degraded;

    public IReadOnlyList<string> Blocking { get; } = [Critical, .. blocking];

    /// <summary>The status and reason token of a level read from the backend.</summary>
    public (HealthStatus Status, string Reason) Classify(string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (Contains(Blocking, level))
        {
            return (HealthStatus.Unhealthy, Reasons.RiskCritical);
        }

        if (Contains(Allowed, level))
        {
            return (HealthStatus.Healthy, Reasons.Ok);
        }

        return Contains(Degraded, level)
            ? (HealthStatus.Degraded, Reasons.RiskElevated)
            : (HealthStatus.Unhealthy, Reasons.UnknownRiskLevel);
    }

    /// <summary>A configured level must be a visible token: an empty or padded one could never match what it meant to.</summary>
    public static void ValidateLevels(string key, string[]? levels, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        for (var i = 0; i < (levels?.Length ?? 0); i++)
        {
            var level = levels![i];
            if (string.IsNullOrEmpty(level) || level.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
            {
                errors.Add($"{key}:{i}", "a level must be a non-empty token without whitespace, control or format characters");
            }
        }
    }

    /// <summary>One level in two lists is ambiguous; CRITICAL or a blocking level in an allowing list would let a halt trade.</summary>
    public void ValidateOverlaps(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var level in Allowed.Where(l => Contains(Blocking, l)))
        {
            errors.Add($"{key}:AllowedLevels", $"'{level}' is a blocking level and cannot be allowed");
        }

        foreach (var level in Degraded.Where(l => Contains(Blocking, l)))
        {
            errors.Add($"{key}:DegradedLevels", $"'{level}' is a blocking level and cannot be degraded");
        }

        foreach (var level in Degraded.Where(l => Contains(Allowed, l)))
        {
            errors.Add($"{key}:DegradedLevels", $"'{level}' is also in AllowedLevels");
        }
    }

    private static bool Contains(IReadOnlyList<string> levels, string level) => levels.Any(l => AsciiCase.Equals(l, level));
}
