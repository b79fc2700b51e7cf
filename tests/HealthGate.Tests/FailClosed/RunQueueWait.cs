using System.Globalization;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// How long a process's threads have waited, runnable, for a CPU: the second field of each thread's
/// <c>/proc/PID/task/TID/schedstat</c>. A probe's time less what the gate's threads spent waiting for a CPU meanwhile
/// is the gate's own time; the rest is a machine that had no CPU to give it. Empty where the kernel does not say.
/// </summary>
public sealed class RunQueueWait
{
    private readonly Dictionary<string, long> _waitedNs;

    private RunQueueWait(Dictionary<string, long> waitedNs) => _waitedNs = waitedNs;

    /// <summary>Every thread's wait so far.</summary>
    public static RunQueueWait Of(int pid)
    {
        Dictionary<string, long> waited = [];
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task"))
            {
                try
                {
                    var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length >= 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ns))
                    {
                        waited[Path.GetFileName(task)] = ns;
                    }
                }
                catch (IOException)
                {
                    // The thread ended meanwhile.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }

        return new RunQueueWait(waited);
    }

    /// <summary>
    /// What the threads waited between <paramref name="before"/> and <paramref name="after"/>; a thread that ended
    /// meanwhile is not counted, which only makes a bound on the rest stricter.
    /// </summary>
    public static TimeSpan Between(RunQueueWait before, RunQueueWait after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        long ns = 0;
        foreach (var (thread, waited) in after._waitedNs)
        {
            ns += Math.Max(0, waited - before._waitedNs.GetValueOrDefault(thread));
        }

        return TimeSpan.FromTicks(ns / 100);
    }
}
