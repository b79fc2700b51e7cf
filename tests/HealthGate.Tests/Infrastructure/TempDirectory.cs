using System.Text.Json;

namespace HealthGate.Tests.Infrastructure;

/// <summary>A directory of the test's own, deleted afterwards; holds config files and databases of spawned services.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("healthgate-").FullName;

    /// <summary>Writes <paramref name="config"/> as JSON (property names as given) and returns the file's path.</summary>
    public string WriteConfig(object config, string name = "healthgate.json")
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, JsonSerializer.Serialize(config));
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
