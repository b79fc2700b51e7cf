using HealthGate.Configuration;
using HealthGate.Secrets;

namespace HealthGate.Checks;

/// <summary>
/// The checks of <c>HealthGate:Checks</c>, bound once to their typed options. Bad entries become
/// <see cref="Errors"/> (reported at start by the options validator) instead of exceptions here.
/// </summary>
internal sealed class CheckCatalog : ISecretSource
{
    public const string SectionPath = "HealthGate:Checks";

    private CheckCatalog(IReadOnlyList<CheckDefinition> definitions, IReadOnlyList<string> errors, IReadOnlySet<string> disabled, IReadOnlySet<string> named)
    {
        Definitions = definitions;
        Errors = errors;
        Disabled = disabled;
        Named = named;
    }

    public IReadOnlyList<CheckDefinition> Definitions { get; }

    /// <summary>Checks configured with <c>Enabled: false</c> (valid otherwise): they never run.</summary>
    public IReadOnlySet<string> Disabled { get; }

    /// <summary>Every check name under the section, including those refused for a bad key.</summary>
    public IReadOnlySet<string> Named { get; }

    public IReadOnlyList<string> Errors { get; }

    public IEnumerable<string> Secrets() => Definitions.SelectMany(d => d.Options.Secrets());

    public static CheckCatalog Load(IConfiguration configuration, IReadOnlyDictionary<string, CheckType> types)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new ConfigErrors();
        var definitions = new List<CheckDefinition>();
        var disabled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in configuration.GetSection(SectionPath).GetChildren())
        {
            named.Add(section.Key);
            var definition = Bind(section, types, errors);
            if (definition is { Options.Enabled: true })
            {
                definitions.Add(definition);
            }
            else if (definition is not null)
            {
                disabled.Add(definition.Name);
            }
        }

        return new CheckCatalog(definitions, errors.Messages, disabled, named);
    }

    private static CheckDefinition? Bind(IConfigurationSection section, IReadOnlyDictionary<string, CheckType> types, ConfigErrors errors)
    {
        if (section.Key.Length == 0)
        {
            errors.Add(section.Path, "a check needs a name");
            return null;
        }

        if (!IsValidName(section.Key))
        {
            errors.Add(section.Path, "a check name may use only letters, digits, '-', '_' and '.'");
            return null;
        }

        var typeName = section["Type"];
        if (string.IsNullOrWhiteSpace(typeName))
        {
            errors.Add($"{section.Path}:Type", $"is required (one of: {string.Join(", ", types.Keys.Order())})");
            return null;
        }

        if (!types.TryGetValue(typeName, out var type))
        {
            errors.Add($"{section.Path}:Type", $"unknown check type '{typeName}' (one of: {string.Join(", ", types.Keys.Order())})");
            return null;
        }

        var options = type.NewOptions();

        // A misspelt key would otherwise be ignored and its default used in silence.
        StrictKeys.Check(section, options.GetType(), errors);

        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the key and the type it could not convert to.
            errors.Add(section.Path, ex.Message);
            return null;
        }

        var before = errors.Messages.Count;
        if (!CheckTiers.TryParse(options.Tier, out var tier))
        {
            errors.Add($"{section.Path}:Tier", $"must be one of P0, P1, P2 (was '{options.Tier}')");
        }

        if (options.TimeoutMs <= 0)
        {
            errors.Add($"{section.Path}:TimeoutMs", "must be greater than 0");
        }

        foreach (var (key, value) in new[] { ("FailureThreshold", options.FailureThreshold), ("SuccessThreshold", options.SuccessThreshold) })
        {
            if (value is < 1 or > CheckOptions.MaxThreshold)
            {
                errors.Add($"{section.Path}:{key}", $"must be between 1 and {CheckOptions.MaxThreshold}");
            }
        }

        CheckDependencies.ValidateList(section.Key, $"{section.Path}:DependsOn", options.DependsOn, errors);
        options.Validate(section.Path, errors);
        return errors.Messages.Count == before ? new CheckDefinition(section.Key, tier, type, options) : null;
    }

    private static bool IsValidName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
