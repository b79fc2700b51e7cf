using System.Globalization;

namespace HealthGate.Benchmarks;

/// <summary>
/// How many times a check ran per benchmark operation. Each case runs in its own process, so its
/// <c>[GlobalCleanup]</c> appends the figure to a file that the host's <see cref="CheckExecutionsColumn"/> reads.
/// </summary>
internal static class CheckExecutions
{
    private static readonly string FilePath = Path.Combine(Path.GetTempPath(), "healthgate-bench", "check-executions.tsv");

    /// <summary>Called by the host before any case runs, so the column never shows a previous run's figure.</summary>
    public static void Reset()
    {
        if (File.Exists(FilePath))
        {
            File.Delete(FilePath);
        }
    }

    public static void Record(string key, long executions, long operations)
    {
        var perOperation = operations == 0 ? double.NaN : (double)executions / operations;
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        File.AppendAllText(FilePath, string.Create(CultureInfo.InvariantCulture, $"{key}\t{perOperation:F2}\n"));
        Console.WriteLine($"// {key}: the check ran {executions} times in {operations} operations ({perOperation:F2} per operation)");
    }

    public static string? Read(string key)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        return File.ReadLines(FilePath)
            .Select(line => line.Split('\t'))
            .LastOrDefault(fields => fields.Length == 2 && fields[0] == key)?[1];
    }

    public static string Key(string method, int callers) => string.Create(CultureInfo.InvariantCulture, $"{method}/{callers}");
}
