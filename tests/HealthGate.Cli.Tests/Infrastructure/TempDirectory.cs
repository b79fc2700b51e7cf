namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>A report directory of the test's own, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"healthgate-cli-{Guid.NewGuid():N}");

    public string[] Reports() => Directory.Exists(Path) ? Directory.GetFiles(Path, "PREFLIGHT_*.md") : [];

    public string[] LogLines()
    {
        var file = System.IO.Path.Combine(Path, "operational-log.jsonl");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
