using HealthGate.Configuration;

namespace HealthGate.Checks;

/// <summary>
/// A list of tiers from configuration (a mode's, the readiness set's): known tiers, none twice, P0 among them with at
/// least one enabled P0 check, and at least one check selected.
/// </summary>
internal static class TierSelection
{
    public static IReadOnlySet<CheckTier> Parse(string[]? tiers) =>
        (tiers ?? []).Select(t => CheckTiers.TryParse(t, out var tier) ? (CheckTier?)tier : null).OfType<CheckTier>().ToHashSet();

    public static void Validate(string key, string[]? tiers, GateChecks gate, CheckCatalog catalog, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        if (tiers is null || tiers.Length == 0)
        {
            errors.Add(key, "must list at least one of P0, P1, P2");
            return;
        }

        var unknown = tiers.Where(t => !CheckTiers.TryParse(t, out _)).ToList();
        foreach (var tier in unknown)
        {
            errors.Add(key, $"unknown tier '{tier}' (one of P0, P1, P2)");
        }

        // A tier listed twice is what an index-merged list looks like ([P0,P1,P2] with item 0 replaced by P1).
        foreach (var twice in tiers.Where(t => CheckTiers.TryParse(t, out _)).GroupBy(t => t.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add(key, $"tier '{twice.Key}' is listed more than once");
        }

        var parsed = Parse(tiers);
        if (!parsed.Contains(CheckTier.P0))
        {
            errors.Add(key, $"must include P0: every mode and the readiness set run the P0 checks (was {string.Join(", ", tiers)})");
        }
        else if (gate.All.Count > 0 && catalog.Errors.Count == 0 && gate.ForTiers(new HashSet<CheckTier> { CheckTier.P0 }).Count == 0)
        {
            // Disabling (or never writing) the only P0 check would leave every mode passing over its P1 and P2 alone.
            errors.Add(key, "runs no enabled P0 check: at least one check with Tier P0 must be configured and enabled");
        }

        // A set that runs no check would answer PASS over nothing; while checks are mis-configured the count is not known yet.
        if (unknown.Count == 0 && gate.All.Count > 0 && catalog.Errors.Count == 0 && gate.ForTiers(Parse(tiers)).Count == 0)
        {
            var present = string.Join(", ", gate.All.Select(c => c.Tier).Distinct().Order());
            errors.Add(key, $"selects no check: none of the configured checks is in {string.Join(", ", tiers)} (they are in {present})");
        }
    }
}
