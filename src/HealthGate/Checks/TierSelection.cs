using HealthGate.Configuration;

namespace HealthGate.Checks;

/// <summary>A list of tiers from configuration (a mode's, the readiness set's): known tiers, and at least one check selected.</summary>
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

        // A set that runs no check would answer PASS over nothing; while checks are mis-configured the count is not known yet.
        if (unknown.Count == 0 && gate.All.Count > 0 && catalog.Errors.Count == 0 && gate.ForTiers(Parse(tiers)).Count == 0)
        {
            var present = string.Join(", ", gate.All.Select(c => c.Tier).Distinct().Order());
            errors.Add(key, $"selects no check: none of the configured checks is in {string.Join(", ", tiers)} (they are in {present})");
        }
    }
}
