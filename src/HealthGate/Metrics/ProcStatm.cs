using System.Globalization;

namespace HealthGate.Metrics;

/// <summary>
/// Virtual and resident size from <c>/proc/self/statm</c> (one short line, in pages). <c>Process.GetCurrentProcess()</c>
/// gives the same two numbers but parses the process's and every thread's status files on each call, which made it
/// the largest part of a scrape's CPU time (docs/performance.md).
/// </summary>
internal static class ProcStatm
{
    private const string Path = "/proc/self/statm";

    public static bool TryRead(out long virtualBytes, out long residentBytes)
    {
        virtualBytes = residentBytes = 0;
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        string line;
        try
        {
            line = File.ReadAllText(Path);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        return TryParse(line, Environment.SystemPageSize, out virtualBytes, out residentBytes);
    }

    /// <summary>The first two fields (size, resident) of a statm line, times the page size.</summary>
    public static bool TryParse(string line, long pageSize, out long virtualBytes, out long residentBytes)
    {
        ArgumentNullException.ThrowIfNull(line);
        virtualBytes = residentBytes = 0;
        var fields = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2
            || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var resident))
        {
            return false;
        }

        virtualBytes = size * pageSize;
        residentBytes = resident * pageSize;
        return true;
    }
}
