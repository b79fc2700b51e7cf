using HealthGate.Configuration;
using HealthGate.Contracts;
using HealthGate.Preflight;
using Microsoft.Extensions.Options;

namespace HealthGate.Overrides;

/// <summary>
/// <c>HealthGate:Overrides</c>: who must approve which override, and for how long a request stays open. Policies are
/// keyed by mode, then kind (<c>"Policies": {"live": {"force_start": {"Approvals": ["risk-manager", "cto"]}}}</c>; the
/// design writes the pair as <c>live:force_start</c>). A configured policy replaces its default whole: the defaults
/// are applied after binding, so a configured list never merges index by index with a default one.
/// </summary>
internal sealed class OverridesOptions
{
    public const string SectionName = "Overrides";

    public const int MaxApprovalWindowMinutes = 24 * 60;

    public Dictionary<string, Dictionary<string, OverridePolicyOptions>> Policies { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A request not approved within this is expired; an approved one not used within it too.</summary>
    public int ApprovalWindowMinutes { get; set; } = 30;
}

internal sealed class OverridePolicyOptions
{
    /// <summary>The roles that must approve, each filled by a different person, none of them the requester.</summary>
    public List<string> Approvals { get; set; } = [];
}

/// <summary>Known modes and kinds, at least one role per policy, each role once; a window from 1 minute to a day.</summary>
internal sealed class OverridesOptionsValidator(IOptions<ModesOptions> modesOptions) : IValidateOptions<OverridesOptions>
{
    public ValidateOptionsResult Validate(string? name, OverridesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        var modes = ValidModes();
        const string key = "HealthGate:Overrides";
        if (options.ApprovalWindowMinutes is < 1 or > OverridesOptions.MaxApprovalWindowMinutes)
        {
            errors.Add($"{key}:ApprovalWindowMinutes", $"must be from 1 to {OverridesOptions.MaxApprovalWindowMinutes} minutes");
        }

        foreach (var (mode, kinds) in options.Policies)
        {
            if (modes is not null && (!modes.TryGet(mode, out var known, out _) || known != mode))
            {
                errors.Add($"{key}:Policies:{mode}", $"unknown mode '{mode}' (one of {string.Join(", ", modes.Names)})");
            }

            foreach (var (kind, policy) in kinds)
            {
                var path = $"{key}:Policies:{mode}:{kind}";
                if (!OverrideRequest.Kinds.Contains(kind))
                {
                    errors.Add(path, $"unknown override kind '{kind}' (one of {string.Join(", ", OverrideRequest.Kinds)})");
                }

                if (policy.Approvals.Count == 0)
                {
                    errors.Add($"{path}:Approvals", "needs at least one role: an override nobody approves is not an override");
                }
                else if (policy.Approvals.Any(string.IsNullOrWhiteSpace))
                {
                    errors.Add($"{path}:Approvals", "a role must not be empty");
                }
                else if (policy.Approvals.GroupBy(r => r.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
                {
                    errors.Add($"{path}:Approvals", $"role '{twice.Key}' is listed twice: each listed role is filled by a different person");
                }
            }
        }

        return errors.Result();
    }

    /// <summary>
    /// The modes, read when validating and not when this validator is built: invalid modes then fail their own
    /// validation, naming their keys, instead of stopping every other section's validation before it runs.
    /// </summary>
    private PreflightModes? ValidModes()
    {
        try
        {
            return new PreflightModes(modesOptions);
        }
        catch (OptionsValidationException)
        {
            return null;
        }
    }
}
