using System.Text.Json;

namespace HealthGate.Testing;

/// <summary>A directory of the test's own, deleted afterwards; holds config files and databases of spawned services.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>A P0 check that is always Healthy, for a spawned service whose test is about something else: an empty gate refuses to start.</summary>
    public static object BaselineCheck { get; } = new { Type = "disk", Tier = "P0", Path = System.IO.Path.GetTempPath(), MinFreeMb = 1 };

    public string Path { get; } = Directory.CreateTempSubdirectory("healthgate-").FullName;

    /// <summary>Writes <paramref name="config"/> as JSON (property names as given) and returns the file's path.</summary>
    public string WriteConfig(object config, string name = "healthgate.json")
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, JsonSerializer.Serialize(config));
        return file;
    }

    /// <summary>
    /// A folder of its own inside this one, created: the working directory of a second service process, whose default
    /// SQLite store (<c>data/healthgate.db</c>) is then its own (a SQLite store serves one process; a second is refused).
    /// </summary>
    public string Subdirectory(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

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
