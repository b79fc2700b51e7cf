using HealthGate.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Checks;

/// <summary>Every bad check entry, a name registered twice (configured or in code), a bad <c>DependsOn</c>, or no check at all.</summary>
internal sealed class ChecksOptionsValidator(CheckCatalog catalog, GateChecks gate, IOptions<HealthCheckServiceOptions> healthChecks)
    : IValidateOptions<ChecksOptions>
{
    public ValidateOptionsResult Validate(string? name, ChecksOptions options)
    {
        var errors = new ConfigErrors();
        foreach (var message in catalog.Errors)
        {
            errors.Add(message);
        }

        foreach (var duplicate in healthChecks.Value.Registrations.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{CheckCatalog.SectionPath}:{duplicate.Key}", "a health check with this name is registered more than once");
        }

        CheckDependencies.Validate(catalog, gate, errors);

        if (gate.All.Count == 0 && catalog.Errors.Count == 0)
        {
            errors.Add(CheckCatalog.SectionPath, "no check is configured (or every check is disabled): an empty gate proves nothing");
        }

        return errors.Result();
    }
}
