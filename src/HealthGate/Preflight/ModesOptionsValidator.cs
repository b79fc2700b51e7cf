using HealthGate.Checks;
using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

/// <summary>Each mode lists known tiers and selects at least one check: an empty mode would PASS over nothing.</summary>
internal sealed class ModesOptionsValidator(GateChecks gate, CheckCatalog catalog) : IValidateOptions<ModesOptions>
{
    public ValidateOptionsResult Validate(string? name, ModesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        foreach (var (mode, modeOptions) in options)
        {
            TierSelection.Validate($"HealthGate:Modes:{mode}:Tiers", modeOptions.Tiers, gate, catalog, errors);
        }

        return errors.Result();
    }
}
