using System.Diagnostics;
using System.Globalization;

namespace HealthGate.Testing;

/// <summary>
/// SIGSTOP and SIGCONT for a server and every process under it (PostgreSQL's backends), so a test
/// can make a server hang with its sockets open: connections are accepted by the kernel and never answered.
/// </summary>
public static class ProcessSignals
{
    public static Task PauseTreeAsync(Process root) => SignalTreeAsync(root, "-STOP");

    /// <summary>
    /// Children first, the root last: a parent that does job control and wakes while its child is still stopped stops
    /// itself again and would then never reap that child (servers are started without one; see ProcessRunner.Start).
    /// </summary>
    public static async Task ResumeTreeAsync(Process root)
    {
        ArgumentNullException.ThrowIfNull(root);
        // A stopped tree cannot fork, so one listing holds.
        var tree = new List<int> { root.Id };
        for (var i = 0; i < tree.Count; i++)
        {
            tree.AddRange(Children(tree[i]).Where(p => !tree.Contains(p)));
        }

        foreach (var pid in Enumerable.Reverse(tree))
        {
            await SignalAsync("-CONT", pid, mustExist: pid == root.Id);
        }
    }

    private static async Task SignalTreeAsync(Process root, string signal)
    {
        ArgumentNullException.ThrowIfNull(root);
        var signalled = new HashSet<int>();
        // Parents first, then whatever they forked meanwhile, until a pass finds nothing new.
        for (var pending = new List<int> { root.Id }; pending.Count > 0; pending = [.. signalled.SelectMany(Children).Where(p => !signalled.Contains(p))])
        {
            foreach (var pid in pending)
            {
                await SignalAsync(signal, pid, mustExist: pid == root.Id);
            }

            signalled.UnionWith(pending);
        }
    }

    // A child (a PostgreSQL backend) may exit between being listed and being signalled; only the root must exist.
    private static async Task SignalAsync(string signal, int pid, bool mustExist)
    {
        try
        {
            await ProcessRunner.RunAsync("/bin/kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]);
        }
        catch (InvalidOperationException) when (!mustExist && !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"))
        {
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        var tasks = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task";
        if (!Directory.Exists(tasks))
        {
            return [];
        }

        return Directory.EnumerateDirectories(tasks)
            .Select(task => Path.Combine(task, "children"))
            .Where(File.Exists)
            .SelectMany(file => File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
            .ToList();
    }
}
