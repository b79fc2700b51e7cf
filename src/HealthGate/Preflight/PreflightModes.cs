using HealthGate.Checks;
using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

/// <summary>The configured modes, resolved to tier sets once.</summary>
internal sealed class PreflightModes(IOptions<HealthGateOptions> options)
{
    private readonly Dictionary<string, IReadOnlySet<CheckTier>> _modes = options.Value.Modes.ToDictionary(
        m => m.Key.ToLowerInvariant(),
        m => (IReadOnlySet<CheckTier>)(m.Value.Tiers ?? []).Select(t => CheckTiers.TryParse(t, out var tier) ? tier : CheckTier.P0).ToHashSet(),
        StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Names => _modes.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string? mode, out string name, out IReadOnlySet<CheckTier> tiers)
    {
        name = mode?.ToLowerInvariant() ?? "";
        return _modes.TryGetValue(name, out tiers!);
    }
}
