using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace HealthGate.Configuration;

/// <summary>
/// <c>--config PATH</c>: a JSON file layered over appsettings.json and under environment variables, so an
/// operator's file can still be overridden per deployment.
/// </summary>
internal static class ConfigFileArgument
{
    public static void AddConfigFileArgument(this IConfigurationManager configuration, string[] args)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(args);
        var path = Find(args);
        if (path is null)
        {
            return;
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"--config: file '{path}' does not exist");
        }

        var source = new JsonConfigurationSource
        {
            Path = Path.GetFileName(fullPath),
            FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(fullPath)!),
            Optional = false,
            ReloadOnChange = false,
        };
        var sources = configuration.Sources;
        var environment = sources.ToList().FindIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        sources.Insert(environment < 0 ? sources.Count : environment, source);
    }

    private static string? Find(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config")
            {
                return i + 1 < args.Length ? args[i + 1] : throw new InvalidOperationException("--config: a file path must follow");
            }

            if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                return args[i]["--config=".Length..];
            }
        }

        return null;
    }
}
