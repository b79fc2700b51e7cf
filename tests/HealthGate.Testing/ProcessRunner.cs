using System.Diagnostics;

namespace HealthGate.Testing;

/// <summary>Runs server processes for tests, as another user when the tests run as root.</summary>
public static class ProcessRunner
{
    public static async Task RunAsync(string file, IEnumerable<string> args, string? asUser = null, TimeSpan? timeout = null)
    {
        using var process = Start(file, args, asUser, redirect: true);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {await stderr}{await stdout}");
        }
    }

    public static Process Start(string file, IEnumerable<string> args, string? asUser = null, bool redirect = true)
    {
        var info = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
        };
        if (asUser is not null)
        {
            // setpriv execs the server itself: no parent in between. runuser forks and does job control (a stopped
            // child stops it too), so a server a test pauses and resumes could leave runuser stopped, never reaping.
            info.FileName = "/usr/bin/setpriv";
            info.ArgumentList.Add($"--reuid={asUser}");
            info.ArgumentList.Add($"--regid={asUser}");
            info.ArgumentList.Add("--init-groups");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(file);
        }
        else
        {
            info.FileName = file;
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
    }

    /// <summary>Kills <paramref name="process"/> (and what it started) if it still runs, waits for it and disposes it.</summary>
    public static async Task KillAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Polls a condition until it holds, failing with a message when it never does.</summary>
    public static Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(condition, timeout, what, lastSeen: null);

    /// <summary>
    /// As above; the failure also tells <paramref name="lastSeen"/>, asked only once the wait gave up: what the condition
    /// last saw is known then, not when the message would otherwise be built.
    /// </summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? lastSeen)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        var message = $"{what} did not happen within {timeout.TotalSeconds:F0} s";
        throw new TimeoutException(lastSeen is null ? message : $"{message}; last seen: {lastSeen()}");
    }
}
