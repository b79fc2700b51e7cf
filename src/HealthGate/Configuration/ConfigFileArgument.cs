using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace HealthGate.Configuration;

/// <summary>
/// <c>--config PATH</c>: the desk file, one JSON file layered over appsettings.json and under environment variables,
/// which may supply only its checks' secrets and endpoints (<see cref="DeskRules"/>).
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
        Readable(path, fullPath);

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

    /// <summary>The desk file is one readable file; anything else is named for what it really is (exit 78).</summary>
    private static void Readable(string path, string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            throw new InvalidOperationException($"--config: '{path}' is a directory, not a desk file");
        }

        try
        {
            // Opening is what tells a symlink loop (ELOOP), a dangling link or a missing permission apart.
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            var link = new FileInfo(fullPath).LinkTarget;
            throw new InvalidOperationException(link is null
                ? $"--config: file '{path}' does not exist"
                : $"--config: '{path}' is a symbolic link to '{link}', which does not exist");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"--config: '{path}' cannot be read: {ex.Message}");
        }
    }

    /// <summary>The one <c>--config</c>: a second is refused, never ignored (a desk laid over a base would lose its checks).</summary>
    private static string? Find(string[] args)
    {
        var found = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--config")
            {
                found.Add(i + 1 < args.Length ? args[++i] : throw new InvalidOperationException("--config: a file path must follow"));
            }
            else if (args[i].StartsWith("--config=", StringComparison.Ordinal))
            {
                found.Add(args[i]["--config=".Length..]);
            }
        }

        return found.Count > 1
            ? throw new InvalidOperationException($"--config: exactly one desk file is allowed, got {found.Count}: {string.Join(" and ", found.Select(f => $"'{f}'"))} (the desk file is the whole definition of the gate: merge them into one)")
            : found.SingleOrDefault();
    }
}
