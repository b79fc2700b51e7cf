using HealthGate.Checks;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

/// <summary>The configured modes, resolved to tier sets once.</summary>
internal sealed class PreflightModes(IOptions<ModesOptions> options)
{
    private readonly Dictionary<string, IReadOnlySet<CheckTier>> _modes = options.Value.ToDictionary(
        m => m.Key.ToLowerInvariant(),
        m => TierSelection.Parse(m.Value.Tiers),
        StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Names => _modes.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string? mode, out string name, out IReadOnlySet<CheckTier> tiers)
    {
        name = mode?.ToLowerInvariant() ?? "";
        return _modes.TryGetValue(name, out tiers!);
    }
}
