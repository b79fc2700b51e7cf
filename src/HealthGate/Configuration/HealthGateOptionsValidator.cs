using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>Validates the whole <c>HealthGate</c> section at start and names every bad key in one failure.</summary>
internal sealed class HealthGateOptionsValidator(CheckCatalog catalog, IOptions<HealthCheckServiceOptions> healthChecks, IConfiguration configuration)
    : IValidateOptions<HealthGateOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();

        // Checks has its own strict binding per type in CheckCatalog.
        StrictKeys.Check(configuration.GetSection(HealthGateOptions.SectionName), typeof(HealthGateOptions), errors, alsoKnown: ["Checks"]);
        foreach (var message in catalog.Errors)
        {
            errors.Add(message);
        }

        foreach (var duplicate in healthChecks.Value.Registrations.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{CheckCatalog.SectionPath}:{duplicate.Key}", "a health check with this name is registered more than once");
        }

        var gate = new GateChecks(healthChecks, catalog);
        if (gate.All.Count == 0 && catalog.Errors.Count == 0)
        {
            errors.Add(CheckCatalog.SectionPath, "no check is configured (or every check is disabled): an empty gate proves nothing");
        }

        foreach (var (mode, modeOptions) in options.Modes)
        {
            ValidateTiers($"HealthGate:Modes:{mode}:Tiers", modeOptions.Tiers, gate, catalog, errors);
        }

        ValidateTiers("HealthGate:Readiness:Tiers", options.Readiness.Tiers, gate, catalog, errors);
        errors.RequirePositive("HealthGate:Readiness:PeriodSeconds", options.Readiness.PeriodSeconds);
        options.Preflight.Validate(errors);
        options.Storage.Validate(errors);
        options.Auth.Validate(errors);
        return errors.Messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Messages);
    }

    private static void ValidateTiers(string key, string[]? tiers, GateChecks gate, CheckCatalog catalog, ConfigErrors errors)
    {
        if (tiers is null || tiers.Length == 0)
        {
            errors.Add(key, "must list at least one of P0, P1, P2");
            return;
        }

        var parsed = new HashSet<CheckTier>();
        var unknown = 0;
        foreach (var tier in tiers)
        {
            if (CheckTiers.TryParse(tier, out var t))
            {
                parsed.Add(t);
            }
            else
            {
                errors.Add(key, $"unknown tier '{tier}' (one of P0, P1, P2)");
                unknown++;
            }
        }

        // A set that runs no check would answer PASS over nothing; while checks are mis-configured the count is not known yet.
        if (unknown == 0 && gate.All.Count > 0 && catalog.Errors.Count == 0 && gate.ForTiers(parsed).Count == 0)
        {
            var present = string.Join(", ", gate.All.Select(c => c.Tier).Distinct().Order());
            errors.Add(key, $"selects no check: none of the configured checks is in {string.Join(", ", tiers)} (they are in {present})");
        }
    }
}
