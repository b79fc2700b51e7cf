using System.Globalization;
using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Reports;

/// <summary>
/// <c>--report-dir</c>: one <c>PREFLIGHT_&lt;MODE&gt;_&lt;yyyyMMdd_HHmmss&gt;.md</c> per run (UTC start time of the run),
/// reports older than <see cref="Retention"/> pruned on each write.
/// </summary>
internal sealed class ReportDirectory(string path, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    public const string Pattern = "PREFLIGHT_*.md";

    public string Path { get; } = path;

    /// <summary>Writes the report, never over an existing one (a second run in the same second gets a suffix).</summary>
    public string Write(PreflightReport report, string gate)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(Path);
        var stamp = (report.StartedAt ?? time.GetUtcNow()).UtcDateTime.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        var stem = System.IO.Path.Combine(Path, $"PREFLIGHT_{report.Mode.ToUpperInvariant()}_{stamp}");
        var content = MarkdownReport.Build(report, gate);
        for (var n = 1; ; n++)
        {
            var file = n == 1 ? stem + ".md" : $"{stem}_{n}.md";
            try
            {
                using var writer = new StreamWriter(new FileStream(file, FileMode.CreateNew, FileAccess.Write));
                writer.Write(content);
                return file;
            }
            catch (IOException) when (File.Exists(file) && n < 100)
            {
            }
        }
    }

    /// <summary>Adds a section to a report already written, such as the override that followed the run.</summary>
    public static void Append(string file, string markdown) => File.AppendAllText(file, markdown);

    /// <summary>Deletes reports last written before the retention window; a file that cannot be deleted is left for next time.</summary>
    public IReadOnlyList<string> Prune()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        var cutoff = time.GetUtcNow().UtcDateTime - Retention;
        var pruned = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path, Pattern))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff)
                {
                    File.Delete(file);
                    pruned.Add(file);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }

        return pruned;
    }
}
