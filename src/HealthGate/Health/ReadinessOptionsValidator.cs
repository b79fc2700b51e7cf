using HealthGate.Checks;
using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Health;

/// <summary>The readiness set lists known tiers and selects at least one check; the period is positive.</summary>
internal sealed class ReadinessOptionsValidator(GateChecks gate, CheckCatalog catalog) : IValidateOptions<ReadinessOptions>
{
    public ValidateOptionsResult Validate(string? name, ReadinessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        TierSelection.Validate("HealthGate:Readiness:Tiers", options.EffectiveTiers, gate, catalog, errors);
        errors.RequirePositive("HealthGate:Readiness:PeriodSeconds", options.PeriodSeconds);
        return errors.Result();
    }
}
