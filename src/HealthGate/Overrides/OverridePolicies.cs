using HealthGate.Contracts;
using HealthGate.Preflight;
using Microsoft.Extensions.Options;

namespace HealthGate.Overrides;

/// <summary>
/// The roles each override needs, by mode and kind. The defaults are the operations documents': a live force-start
/// "MUST be approved by Risk Manager and CTO", a paper one by the team lead. A mode with no policy of its own (a
/// custom mode) takes live's: the strictest is the one that cannot be wrong by omission.
/// </summary>
internal sealed class OverridePolicies
{
    public const string Live = "live";

    private static readonly Dictionary<string, Dictionary<string, string[]>> Defaults = new(StringComparer.Ordinal)
    {
        [Live] = new(StringComparer.Ordinal)
        {
            [OverrideRequest.ForceStart] = ["risk-manager", "cto"],
            [OverrideRequest.SkipHealthCheck] = ["cto", "risk-manager"],
        },
        ["paper"] = new(StringComparer.Ordinal)
        {
            [OverrideRequest.ForceStart] = ["team-lead"],
            [OverrideRequest.SkipHealthCheck] = ["team-lead"],
        },
    };

    private readonly Dictionary<(string Mode, string Kind), IReadOnlyList<string>> _policies = [];

    public OverridePolicies(IOptions<OverridesOptions> options, PreflightModes modes)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(modes);
        Window = TimeSpan.FromMinutes(options.Value.ApprovalWindowMinutes);
        foreach (var mode in modes.Names)
        {
            foreach (var kind in OverrideRequest.Kinds)
            {
                _policies[(mode, kind)] = Configured(options.Value, mode, kind)
                    ?? (Defaults.TryGetValue(mode, out var defaults) ? defaults[kind] : null)
                    ?? Configured(options.Value, Live, kind)
                    ?? Defaults[Live][kind];
            }
        }
    }

    public TimeSpan Window { get; }

    /// <summary>The roles <paramref name="mode"/>:<paramref name="kind"/> needs; empty for an unknown pair.</summary>
    public IReadOnlyList<string> RolesFor(string mode, string kind) =>
        _policies.TryGetValue((mode, kind), out var roles) ? roles : [];

    /// <summary>Every pair and its roles, for the start-up report and <c>/config</c>.</summary>
    public IEnumerable<(string Mode, string Kind, IReadOnlyList<string> Roles)> All =>
        _policies.OrderBy(p => p.Key.Mode, StringComparer.Ordinal).ThenBy(p => p.Key.Kind, StringComparer.Ordinal).Select(p => (p.Key.Mode, p.Key.Kind, p.Value));

    private static string[]? Configured(OverridesOptions options, string mode, string kind) =>
        options.Policies.TryGetValue(mode, out var kinds) && kinds.TryGetValue(kind, out var policy) && policy.Approvals.Count > 0
            ? [.. policy.Approvals.Select(r => r.Trim())]
            : null;
}
