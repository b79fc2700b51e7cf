using Microsoft.Extensions.Options;

namespace HealthGate.Admission;

/// <summary>
/// <c>Enforce</c> is a boolean, which the binder already refuses to read from anything else; unknown keys (a misspelt
/// <c>Enforced</c> that would silently leave the default) are named by the strict-keys check of the section.
/// </summary>
internal sealed class AdmissionOptionsValidator : IValidateOptions<AdmissionOptions>
{
    public ValidateOptionsResult Validate(string? name, AdmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ValidateOptionsResult.Success;
    }
}
