using HealthGate.Checks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>Validates the whole <c>HealthGate</c> section at start and names every bad key in one failure.</summary>
internal sealed class HealthGateOptionsValidator(CheckCatalog catalog, IOptions<HealthCheckServiceOptions> healthChecks)
    : IValidateOptions<HealthGateOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        foreach (var message in catalog.Errors)
        {
            errors.Add(message);
        }

        foreach (var duplicate in healthChecks.Value.Registrations.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{CheckCatalog.SectionPath}:{duplicate.Key}", "a health check with this name is registered more than once");
        }

        foreach (var (mode, modeOptions) in options.Modes)
        {
            ValidateTiers($"HealthGate:Modes:{mode}:Tiers", modeOptions.Tiers, errors);
        }

        ValidateTiers("HealthGate:Readiness:Tiers", options.Readiness.Tiers, errors);
        errors.RequirePositive("HealthGate:Readiness:PeriodSeconds", options.Readiness.PeriodSeconds);
        options.Preflight.Validate(errors);
        options.Storage.Validate(errors);
        options.Auth.Validate(errors);
        return errors.Messages.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Messages);
    }

    private static void ValidateTiers(string key, string[]? tiers, ConfigErrors errors)
    {
        if (tiers is null || tiers.Length == 0)
        {
            errors.Add(key, "must list at least one of P0, P1, P2");
            return;
        }

        foreach (var tier in tiers.Where(t => !CheckTiers.TryParse(t, out _)))
        {
            errors.Add(key, $"unknown tier '{tier}' (one of P0, P1, P2)");
        }
    }
}
