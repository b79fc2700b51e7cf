using System.Text.Json;

namespace HealthGate.Testing;

/// <summary>
/// A real Alertmanager (Debian's <c>prometheus-alertmanager</c>) on a free loopback port, clustering off, its state in a
/// temporary directory, routing every alert to a receiver that sends nothing. A missing binary fails the test.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    private readonly PrometheusFamilyProcess _server = new("alertmanager");

    public int Port => _server.Port;

    public string BaseUrl => _server.BaseUrl;

    /// <summary>What Alertmanager printed, for failure messages.</summary>
    public string Output => _server.Output;

    public async Task StartAsync()
    {
        var alertmanager = Binaries.Find("prometheus-alertmanager", "prometheus-alertmanager", "/usr/bin");
        Directory.CreateDirectory(_server.Directory);
        var config = Path.Combine(_server.Directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, """
            route:
              receiver: 'null'
            receivers:
              - name: 'null'
            """);
        await _server.StartAsync(alertmanager, [
            $"--config.file={config}",
            $"--storage.path={Path.Combine(_server.Directory, "data")}",
            $"--web.listen-address={_server.ListenAddress}",
            "--cluster.listen-address=",
        ]);
    }

    /// <summary><c>GET /api/v2/alerts</c>: the alerts Alertmanager holds as active (resolved ones are left out).</summary>
    public async Task<IReadOnlyList<JsonElement>> AlertsAsync()
    {
        var response = await _server.Http.GetAsync(new Uri($"{BaseUrl}/api/v2/alerts"));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.EnumerateArray().Select(a => a.Clone())];
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
