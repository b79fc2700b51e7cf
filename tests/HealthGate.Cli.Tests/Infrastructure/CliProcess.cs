using System.Diagnostics;
using System.Text;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// The built <c>healthgate</c> as its own process, with the real console: either with redirected standard streams
/// (a script or CI), or on a real pseudo-terminal made by util-linux <c>script</c>, where a test types at the prompt.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CliProcess(Process process)
    {
        _process = process;
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "healthgate.dll");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Runs with stdin, stdout and stderr redirected (no terminal), to the end.</summary>
    public static Task<(int ExitCode, string Out, string Error)> RunRedirectedAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunRedirectedAsync(environment, onLine: null, args);

    /// <summary>
    /// As above, telling <paramref name="onLine"/> each line of standard output as it is written: a test that must act
    /// after the CLI said something (not merely after the gate saw something) waits on it.
    /// </summary>
    public static async Task<(int ExitCode, string Out, string Error)> RunRedirectedAsync(IReadOnlyDictionary<string, string> environment, Action<string>? onLine, params string[] args)
    {
        var info = new ProcessStartInfo(DotnetHost.Path) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Dll);
        args.ToList().ForEach(info.ArgumentList.Add);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = onLine is null ? process.StandardOutput.ReadToEndAsync() : ReadLinesAsync(process.StandardOutput, onLine);
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static async Task<string> ReadLinesAsync(StreamReader reader, Action<string> onLine)
    {
        var text = new StringBuilder();
        while (await reader.ReadLineAsync() is { } line)
        {
            text.Append(line).Append('\n');
            onLine(line);
        }

        return text.ToString();
    }

    /// <summary>Starts on a pseudo-terminal: stdin and stdout of the CLI are a TTY, as for an operator.</summary>
    public static CliProcess StartOnTerminal(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var command = string.Join(' ', new[] { DotnetHost.Path, Dll }.Concat(args).Select(Quote));
        var info = new ProcessStartInfo(Binaries.Find("script", "bsdutils"))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            ArgumentList = { "--quiet", "--return", "--flush", "--command", command, "/dev/null" },
            Environment = { ["TERM"] = "xterm" },
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var cli = new CliProcess(Process.Start(info)!);
        _ = cli.PumpAsync();
        return cli;
    }

    public Task WaitForOutputAsync(string text) =>
        ProcessRunner.WaitUntilAsync(() => Task.FromResult(Output.Contains(text, StringComparison.Ordinal)), TimeSpan.FromSeconds(60), $"'{text}' on the terminal; so far:\n{Output}");

    public async Task TypeAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\r");
        await _process.StandardInput.FlushAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private async Task PumpAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_output)
            {
                _output.Append(buffer, 0, read);
            }
        }
    }
}
