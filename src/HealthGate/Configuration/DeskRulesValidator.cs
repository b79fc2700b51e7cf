using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>Refuses at start what <see cref="DeskRules"/> refuses: the desk file alone defines the gate.</summary>
internal sealed class DeskRulesValidator(ConfigurationSources sources) : IValidateOptions<HealthGateRoot>
{
    public ValidateOptionsResult Validate(string? name, HealthGateRoot options)
    {
        var errors = new ConfigErrors();
        DeskRules.Validate(sources, errors);
        return errors.Result();
    }
}
