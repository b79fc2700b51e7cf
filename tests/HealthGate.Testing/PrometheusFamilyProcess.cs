using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace HealthGate.Testing;

/// <summary>
/// A server of the Prometheus family (Prometheus, Alertmanager) on a free loopback port: its files in a temporary
/// directory, its output kept for failure messages, started when <c>GET /-/ready</c> answers.
/// </summary>
public sealed class PrometheusFamilyProcess(string name) : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <summary>Its own temporary directory (configuration, storage), removed on dispose.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"healthgate-{name}-{Guid.NewGuid():N}");

    public int Port { get; } = FreePort.Next();

    public string ListenAddress => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string BaseUrl => $"http://{ListenAddress}";

    public HttpClient Http { get; } = new();

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    public async Task StartAsync(string binary, IEnumerable<string> arguments)
    {
        _process = ProcessRunner.Start(binary, [.. arguments]);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ProcessRunner.WaitUntilAsync(IsReadyAsync, TimeSpan.FromSeconds(60), $"{name} on port {Port} ready");
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.KillAsync(_process);
        Http.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

    private async Task<bool> IsReadyAsync()
    {
        if (_process is { HasExited: true })
        {
            throw new InvalidOperationException($"{name} exited with code {_process.ExitCode}:\n{Output}");
        }

        try
        {
            return (await Http.GetAsync(new Uri($"{BaseUrl}/-/ready"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
