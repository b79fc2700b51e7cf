using System.Globalization;

namespace HealthGate.Tests.Faults;

/// <summary>
/// How long a process's threads have waited for a CPU while ready to run, as the kernel accounts it (the second field
/// of <c>/proc/PID/task/*/schedstat</c>, in nanoseconds): time the machine withheld, not time the process spent.
/// </summary>
public static class RunQueue
{
    public static TimeSpan Waited(int processId)
    {
        var tasks = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/task";
        if (!File.Exists($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/schedstat"))
        {
            throw new InvalidOperationException($"no {tasks}/*/schedstat: the fault suite needs the kernel's scheduler statistics (CONFIG_SCHED_INFO) to tell a busy machine from a slow gate");
        }

        long nanoseconds = 0;
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                nanoseconds += long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A thread that ended since the listing: its wait leaves the sum, which can only make a stall look shorter.
            }
        }

        return TimeSpan.FromTicks(nanoseconds / 100);
    }
}
