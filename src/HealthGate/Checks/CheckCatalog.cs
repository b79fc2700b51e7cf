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
        foreach (var (section, tree) in Sections(configuration))
        {
            named.Add(section.Key);
            var definition = Bind(section, tree, types, errors);
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

    /// <summary>
    /// Each check as a section of its own small configuration, read from the providers in one pass: binding and
    /// strict keys then cost the check's own keys, not a scan of the whole desk per section (start-up stays linear
    /// in the desk file's size).
    /// </summary>
    private static IEnumerable<(IConfigurationSection Section, KeyTree Tree)> Sections(IConfiguration configuration)
    {
        var merged = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var flat = configuration is IConfigurationRoot
            ? ConfigurationSources.Read(configuration).Keys.Select(k => KeyValuePair.Create(k.Key, k.Value))
            : configuration.GetSection(SectionPath).AsEnumerable();
        var prefix = SectionPath + ":";
        foreach (var (key, value) in flat)
        {
            if (key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                // Later providers win, as in the merged configuration.
                merged[key] = value;
            }
        }

        var byCheck = merged
            .GroupBy(kv => kv.Key[prefix.Length..].Split(':')[0], StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, ConfigurationKeyComparer.Instance);
        foreach (var check in byCheck)
        {
            var path = prefix + check.Key;
            var section = new ConfigurationBuilder().AddInMemoryCollection(check).Build().GetSection(path);
            yield return (section, KeyTree.Build(path, check));
        }
    }

    private static CheckDefinition? Bind(IConfigurationSection section, KeyTree tree, IReadOnlyDictionary<string, CheckType> types, ConfigErrors errors)
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
        StrictKeys.Check(tree, options.GetType(), errors);

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
