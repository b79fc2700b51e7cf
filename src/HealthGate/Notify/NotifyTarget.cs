using HealthGate.Checks;
using CheckTiers = HealthGate.Checks.CheckTiers;

namespace HealthGate.Notify;

/// <summary>A configured target: its name, its options and which messages it takes (its tier and check filters).</summary>
internal sealed class NotifyTarget(string name, NotifyTargetOptions options)
{
    private readonly HashSet<CheckTier> _tiers = [.. options.Tiers.Select(t => CheckTiers.TryParse(t, out var tier) ? tier : CheckTier.P0)];
    private readonly HashSet<string> _checks = new(options.Checks, StringComparer.Ordinal);

    public string Name => name;

    public NotifyTargetOptions Options => options;

    /// <summary>
    /// A check's message if its tier and name pass the filters; a verdict's or an override's only when the target
    /// names no checks (they are about no single check).
    /// </summary>
    public bool Accepts(NotifyMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Check is not { } check)
        {
            return _checks.Count == 0;
        }

        return (_checks.Count == 0 || _checks.Contains(check))
            && (_tiers.Count == 0 || (CheckTiers.TryParse(message.Tier, out var tier) && _tiers.Contains(tier)));
    }
}
