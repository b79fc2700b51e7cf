using System.Reflection;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace HealthGate.Configuration;

/// <summary>One key under <c>HealthGate</c> as one configuration source gives it, with the key's own spelling.</summary>
internal sealed record SourcedKey(string Key, string? Value, ConfigurationSource Source);

/// <summary>
/// A configuration provider as a person names it: the desk file, an environment variable, the command line.
/// <see cref="Defines"/> is false for the deploy-time sources (environment, command line), which may only supply
/// secrets and endpoints of checks a defining source (a file, or a host's in-memory settings) has.
/// </summary>
internal sealed record ConfigurationSource(int Index, string Name, bool Defines, bool IsEnvironment)
{
    /// <summary>How a key of this source is written by the person who set it, e.g. <c>HealthGate__Checks__risk__Url</c>.</summary>
    public string Spell(string key) => IsEnvironment ? $"environment variable {Written(key)}" : $"{key} in {Name}";

    /// <summary>The key as its source writes it: <c>HealthGate__Checks__risk__Url</c> in the environment, <c>HealthGate:Checks:risk:Url</c> elsewhere.</summary>
    public string Written(string key) => IsEnvironment ? key.Replace(":", "__", StringComparison.Ordinal) : key;
}

/// <summary>
/// Every key under <c>HealthGate</c> of every configuration provider, read once and in time linear in the
/// configuration's size. <see cref="IConfiguration"/> merges providers (last wins, keys ignore case, lists merge
/// by index), so the rules on where a key came from are decided here, on the providers themselves.
/// </summary>
internal sealed class ConfigurationSources
{
    // ConfigurationProvider keeps its keys in Data; walking GetChildKeys instead costs a scan of every key per node.
    private static readonly PropertyInfo? DataProperty =
        typeof(ConfigurationProvider).GetProperty("Data", BindingFlags.Instance | BindingFlags.NonPublic);

    private ConfigurationSources(IReadOnlyList<SourcedKey> keys) => Keys = keys;

    /// <summary>Each provider's keys under <c>HealthGate</c>, in provider order (a later one wins).</summary>
    public IReadOnlyList<SourcedKey> Keys { get; }

    public static ConfigurationSources Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = new List<SourcedKey>();
        if (configuration is not IConfigurationRoot root)
        {
            return new ConfigurationSources(keys);
        }

        var index = 0;
        foreach (var provider in root.Providers)
        {
            var source = Describe(index++, provider);
            foreach (var (key, value) in KeysOf(provider))
            {
                if (key.StartsWith(HealthGateSection.Root + ":", StringComparison.OrdinalIgnoreCase))
                {
                    keys.Add(new SourcedKey(key, value, source));
                }
            }
        }

        return new ConfigurationSources(keys);
    }

    private static ConfigurationSource Describe(int index, IConfigurationProvider provider) => provider switch
    {
        JsonConfigurationProvider json => new(index, $"file '{json.Source.Path}'", Defines: true, IsEnvironment: false),
        EnvironmentVariablesConfigurationProvider => new(index, "the environment", Defines: false, IsEnvironment: true),
        CommandLineConfigurationProvider => new(index, "the command line", Defines: false, IsEnvironment: false),
        FileConfigurationProvider file => new(index, $"file '{file.Source.Path}'", Defines: true, IsEnvironment: false),
        _ => new(index, provider.GetType().Name, Defines: true, IsEnvironment: false),
    };

    private static List<KeyValuePair<string, string?>> KeysOf(IConfigurationProvider provider)
    {
        if (provider is ConfigurationProvider && DataProperty?.GetValue(provider) is IDictionary<string, string?> data)
        {
            return [.. data];
        }

        // Any other provider: walk its tree through the public interface (small in practice: a host's own settings).
        var keys = new List<KeyValuePair<string, string?>>();
        Walk(provider, HealthGateSection.Root, keys);
        return keys;
    }

    private static void Walk(IConfigurationProvider provider, string path, List<KeyValuePair<string, string?>> keys)
    {
        if (provider.TryGet(path, out var value))
        {
            keys.Add(KeyValuePair.Create(path, value));
        }

        foreach (var child in provider.GetChildKeys([], path).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Walk(provider, $"{path}:{child}", keys);
        }
    }
}
