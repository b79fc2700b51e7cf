using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Checks;

/// <summary>
/// Every health check registration that carries a tier tag (P0/P1/P2), whether it came from configuration or
/// from code. A registration without a tier tag belongs to no mode, so it never runs in the gate.
/// </summary>
internal sealed class GateChecks
{
    public GateChecks(IOptions<HealthCheckServiceOptions> options, CheckCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        var configuredTypes = catalog.Definitions.ToDictionary(d => d.Name, d => d.Type.Name, StringComparer.OrdinalIgnoreCase);
        var gated = options.Value.Registrations.Select(r => ToGateCheck(r, configuredTypes)).OfType<GateCheck>().ToList();
        var dependsOn = CheckDependencies.Resolve(catalog, gated.Select(c => c.Name));
        All = [.. gated.Select(c => dependsOn.TryGetValue(c.Name, out var names) ? c with { DependsOn = names } : c)];
    }

    public IReadOnlyList<GateCheck> All { get; }

    public IReadOnlyList<GateCheck> ForTiers(IReadOnlySet<CheckTier> tiers) => [.. All.Where(c => tiers.Contains(c.Tier))];

    private static GateCheck? ToGateCheck(HealthCheckRegistration registration, Dictionary<string, string> configuredTypes)
    {
        var tiers = registration.Tags.Select(t => CheckTiers.TryParse(t, out var tier) ? tier : (CheckTier?)null).OfType<CheckTier>().ToList();
        if (tiers.Count == 0)
        {
            return null;
        }

        // The strictest tier wins when code tags a check with several.
        var type = configuredTypes.GetValueOrDefault(registration.Name)
            ?? registration.Tags.Where(t => !CheckTiers.TryParse(t, out _)).Order(StringComparer.Ordinal).FirstOrDefault()
            ?? "custom";
        var timeout = registration.Timeout > TimeSpan.Zero ? registration.Timeout : TimeSpan.FromMilliseconds(CheckOptions.DefaultTimeoutMs);
        return new GateCheck(registration, tiers.Min(), type, timeout);
    }
}
