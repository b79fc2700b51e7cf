using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthGate.Cli.Reports;

/// <summary>
/// The launcher's own append-only record (JSON lines in the report directory): it holds what the gate cannot see,
/// such as aborts because the gate was down and skips of the health check. Never pruned.
/// </summary>
internal sealed class OperationalLog(string directory)
{
    public const string FileName = "operational-log.jsonl";

    private const int MaxAttempts = 40;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(50);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string Path { get; } = System.IO.Path.Combine(directory, FileName);

    /// <summary>Appends one entry and flushes it to the disk before returning, so an acknowledged entry survives a crash.</summary>
    public void Append(OperationalLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Directory.CreateDirectory(directory);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, Json) + "\n");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Exclusive while appending: two launchers at once must not write over each other's line.
                using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.None);
                stream.Write(line);
                stream.Flush(flushToDisk: true);
                return;
            }
            catch (IOException) when (attempt < MaxAttempts && File.Exists(Path))
            {
                Thread.Sleep(RetryDelay);
            }
        }
    }
}
