using System.Diagnostics;
using System.Globalization;

namespace HealthGate.Testing;

/// <summary>
/// SIGSTOP and SIGCONT for a server and every process under it (PostgreSQL's backends, runuser's child), so a test
/// can make a server hang with its sockets open: connections are accepted by the kernel and never answered.
/// </summary>
public static class ProcessSignals
{
    public static Task PauseTreeAsync(Process root) => SignalTreeAsync(root, "-STOP");

    public static Task ResumeTreeAsync(Process root) => SignalTreeAsync(root, "-CONT");

    private static async Task SignalTreeAsync(Process root, string signal)
    {
        ArgumentNullException.ThrowIfNull(root);
        var signalled = new HashSet<int>();
        // Parents first, then whatever they forked meanwhile, until a pass finds nothing new.
        for (var pending = new List<int> { root.Id }; pending.Count > 0; pending = [.. signalled.SelectMany(Children).Where(p => !signalled.Contains(p))])
        {
            await ProcessRunner.RunAsync("/bin/kill", [signal, .. pending.Select(p => p.ToString(CultureInfo.InvariantCulture))]);
            signalled.UnionWith(pending);
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
