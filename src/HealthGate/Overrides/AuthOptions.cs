using HealthGate.Configuration;

namespace HealthGate.Overrides;

/// <summary><c>HealthGate:Auth</c>: the API keys that may record overrides.</summary>
internal sealed class AuthOptions
{
    /// <summary>The placeholder shipped in appsettings.json: public, so it never authenticates anyone.</summary>
    public const string SampleKey = "EXAMPLE-ONLY-not-a-secret-replace-me";

    /// <summary>Key name (recorded with each override) to key value (sent in <c>X-Api-Key</c>).</summary>
    public Dictionary<string, string> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    public void Validate(ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (name, value) in ApiKeys)
        {
            // An empty value is most likely an unset secret in a manifest; ignoring it could open the endpoint.
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"HealthGate:Auth:ApiKeys:{name}", "must not be empty");
            }
        }
    }
}
