using System.Text.Json;

namespace HealthGate.Testing;

/// <summary>
/// A real Prometheus (the Debian package) on a free loopback port, scraping the given targets every second,
/// with its TSDB in a temporary directory.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly PrometheusFamilyProcess _server = new("prometheus");

    public int Port => _server.Port;

    public string BaseUrl => _server.BaseUrl;

    /// <summary>What Prometheus printed, for failure messages.</summary>
    public string Output => _server.Output;

    /// <summary>Rule files Prometheus loads (absolute paths), evaluated every second; set before <see cref="StartAsync"/>.</summary>
    public IList<string> RuleFiles { get; } = [];

    public async Task StartAsync(string job, params string[] targets)
    {
        var prometheus = Binaries.Find("prometheus", "prometheus");
        Directory.CreateDirectory(_server.Directory);
        var config = Path.Combine(_server.Directory, "prometheus.yml");
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
        await _server.StartAsync(prometheus, [
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(_server.Directory, "data")}",
            $"--web.listen-address={_server.ListenAddress}",
        ]);
    }

    /// <summary>An instant query through the HTTP API: the <c>data.result</c> array.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        var response = await _server.Http.GetAsync(new Uri($"{BaseUrl}/api/v1/query?query={Uri.EscapeDataString(promql)}"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("data").GetProperty("result").Clone();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
