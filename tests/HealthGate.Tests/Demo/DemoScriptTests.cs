using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Demo;

/// <summary>scripts/demo.sh itself, non-interactively: it starts the desk, prints what it promises, and leaves nothing behind.</summary>
public sealed partial class DemoScriptTests
{
    [Fact]
    public async Task DemoScriptBringsUpAGreenDeskPrintsTheWayInAndCleansUpAfterItself()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var (exitCode, output) = await RunDemoAsync(new Dictionary<string, string>
        {
            ["DEMO_EXIT_AFTER_READY"] = "1",
            ["DEMO_GATE_PORT"] = port,
            // The binaries built with the tests: the script's own dotnet build is what a clone runs, not what this proves.
            ["DEMO_BIN_DIR"] = AppContext.BaseDirectory,
        });

        Assert.True(exitCode == 0, $"demo.sh exited with {exitCode}:\n{output}");
        Assert.Contains($"http://127.0.0.1:{port}/ui", output, StringComparison.Ordinal);
        Assert.True(output.Contains("Live preflight now: PASS (exit code 0)", StringComparison.Ordinal), output);
        Assert.Contains($"curl -s 'http://127.0.0.1:{port}/preflight?mode=live'", output, StringComparison.Ordinal);
        foreach (var fault in new[] { "risk-level/CRITICAL", "ess/on", "skew/5000", "execution/down", "metrics/missing", "venue/maintenance", "venue/cancel_only", "used-weight/5400", "reset" })
        {
            Assert.Matches($@"curl -s -X POST http://127\.0\.0\.1:\d+/faults/{Regex.Escape(fault)}", output);
        }

        Assert.Matches(@"kill ""\$\(cat /\S+/redis\.pid\)""", output);
        var work = StoppedLine().Match(output);
        Assert.True(work.Success, $"no 'Stopped; ... removed.' line:\n{output}");
        Assert.False(Directory.Exists(work.Groups[1].Value), $"{work.Groups[1].Value} is left behind");
        await Assert.ThrowsAsync<SocketException>(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", int.Parse(port, CultureInfo.InvariantCulture));
        });
    }

    private static async Task<(int ExitCode, string Output)> RunDemoAsync(Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("/bin/bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(RepoRoot.File("scripts/demo.sh"));
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGTERM runs the script's cleanup trap, so a hung run still stops what it started.
            await ProcessRunner.RunAsync("/bin/kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
            await process.WaitForExitAsync();
            throw new TimeoutException($"demo.sh did not finish within 90 s:\n{Text(output)}");
        }

        process.WaitForExit(); // flushes the redirected output
        return (process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    [GeneratedRegex(@"Stopped; (\S+) removed\.")]
    private static partial Regex StoppedLine();
}
