using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>Refuses a key directly under <c>HealthGate</c> that no feature registered (<c>Check</c>, <c>Readyness</c>).</summary>
internal sealed class RootKeysValidator(IConfiguration configuration, IEnumerable<HealthGateSection> sections) : IValidateOptions<HealthGateRoot>
{
    public ValidateOptionsResult Validate(string? name, HealthGateRoot options)
    {
        var known = sections.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        var errors = new ConfigErrors();
        foreach (var child in configuration.GetSection(HealthGateSection.Root).GetChildren().Where(c => !known.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(child.Path, $"unknown key (known: {string.Join(", ", known)})");
        }

        return errors.Result();
    }
}
