using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace HealthGate.Testing;

/// <summary>
/// A real Prometheus (the Debian package) on a free loopback port, scraping the given targets every second,
/// with its TSDB in a temporary directory.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"healthgate-prom-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http = new();
    private Process? _process;

    public int Port { get; } = FreePort.Next();

    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What Prometheus printed, for failure messages.</summary>
    public string Output => string.Join('\n', _output.TakeLast(40));

    /// <summary>Rule files Prometheus loads (absolute paths), evaluated every second; set before <see cref="StartAsync"/>.</summary>
    public IList<string> RuleFiles { get; } = [];

    public async Task StartAsync(string job, params string[] targets)
    {
        var prometheus = Binaries.Find("prometheus", "prometheus");
        Directory.CreateDirectory(_directory);
        var config = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: [{string.Join(", ", RuleFiles.Select(f => $"'{f}'"))}]
            scrape_configs:
              - job_name: {job}
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        _process = ProcessRunner.Start(prometheus, [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(_directory, "data")}",
            $"--web.listen-address=127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
        ]);
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ProcessRunner.WaitUntilAsync(IsReadyAsync, TimeSpan.FromSeconds(60), $"Prometheus on port {Port} ready");
    }

    /// <summary>An instant query through the HTTP API: the <c>data.result</c> array.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var response = await _http.GetAsync(new Uri($"{BaseUrl}/api/v1/query?query={Uri.EscapeDataString(promql)}"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("data").GetProperty("result").Clone();
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
            throw new InvalidOperationException($"prometheus exited with code {_process.ExitCode}:\n{Output}");
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
