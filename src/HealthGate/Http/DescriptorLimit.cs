using System.Globalization;

namespace HealthGate.Http;

/// <summary>
/// The process's soft limit on open files (<c>RLIMIT_NOFILE</c>), as the kernel reports it in
/// <c>/proc/self/limits</c>; the .NET runtime has already raised it to the hard limit when this is read.
/// </summary>
internal static class DescriptorLimit
{
    public const string LimitsFile = "/proc/self/limits";

    /// <summary>The soft limit, or null where it cannot be read (not Linux) or is unlimited.</summary>
    public static long? Read()
    {
        try
        {
            return File.Exists(LimitsFile) ? Parse(File.ReadAllLines(LimitsFile)) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads the line <c>Max open files   4096   4096   files</c>: soft limit, hard limit, unit.</summary>
    public static long? Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            if (!line.StartsWith("Max open files", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var soft) && soft > 0 ? soft : null;
        }

        return null;
    }
}
