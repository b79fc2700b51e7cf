using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Auth;

internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        foreach (var (key, value) in options.ApiKeys)
        {
            // An empty value is most likely an unset secret in a manifest; it must not pass as a configured key.
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"HealthGate:Auth:ApiKeys:{key}", "must not be empty");
            }
        }

        if (options.RequireKeyForReads && !options.ApiKeys.Values.Any(v => v != AuthOptions.SampleKey && !string.IsNullOrWhiteSpace(v)))
        {
            errors.Add("HealthGate:Auth:RequireKeyForReads", "needs at least one configured API key (the sample key never authenticates)");
        }

        return errors.Result();
    }
}
