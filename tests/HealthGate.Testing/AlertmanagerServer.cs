using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HealthGate.Testing;

/// <summary>
/// A real Alertmanager (Debian's <c>prometheus-alertmanager</c>) on a free loopback port, clustering off, its state in a
/// temporary directory, routing every alert to a receiver that sends nothing. A missing binary fails the test.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"healthgate-am-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http = new();
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What Alertmanager printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    public async Task StartAsync()
    {
        var alertmanager = Binaries.Find("prometheus-alertmanager", "prometheus-alertmanager", "/usr/bin");
        Directory.CreateDirectory(_directory);
        var config = Path.Combine(_directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, """
            route:
              receiver: 'null'
            receivers:
              - name: 'null'
            """);
        _process = ProcessRunner.Start(alertmanager, [
            $"--config.file={config}",
            $"--storage.path={Path.Combine(_directory, "data")}",
            $"--web.listen-address=127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
            "--cluster.listen-address=",
        ]);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ProcessRunner.WaitUntilAsync(IsReadyAsync, TimeSpan.FromSeconds(60), $"Alertmanager on port {Port} ready");
    }

    /// <summary><c>GET /api/v2/alerts</c>: the alerts Alertmanager holds as active (resolved ones are left out).</summary>
    public async Task<IReadOnlyList<JsonElement>> AlertsAsync()
    {
        var response = await _http.GetAsync(new Uri($"{BaseUrl}/api/v2/alerts"));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(a => a.Clone())];
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessRunner.KillAsync(_process);
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
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
            throw new InvalidOperationException($"prometheus-alertmanager exited with code {_process.ExitCode}:\n{Output}");
        }

        try
        {
            return (await _http.GetAsync(new Uri($"{BaseUrl}/-/ready"))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
