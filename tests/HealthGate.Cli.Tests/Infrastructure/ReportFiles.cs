namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>What the CLI left in a report directory: PREFLIGHT_*.md reports and the operational log's lines.</summary>
internal static class ReportFiles
{
    public static string[] Reports(this TempDirectory directory) =>
        Directory.Exists(directory.Path) ? Directory.GetFiles(directory.Path, "PREFLIGHT_*.md") : [];

    public static string[] LogLines(this TempDirectory directory)
    {
        var file = Path.Combine(directory.Path, "operational-log.jsonl");
        return File.Exists(file) ? File.ReadAllLines(file) : [];
    }
}
