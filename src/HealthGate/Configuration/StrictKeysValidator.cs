using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>Names every key of a feature's section that its options type cannot bind (see <see cref="StrictKeys"/>).</summary>
internal sealed class StrictKeysValidator<TOptions>(IConfiguration configuration, HealthGateSection section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new ConfigErrors();
        StrictKeys.Check(configuration.GetSection(section.Path), typeof(TOptions), errors);
        return errors.Result();
    }
}
