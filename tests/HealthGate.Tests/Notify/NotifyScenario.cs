using HealthGate.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Notify;

/// <summary>
/// The service with one P0 check (<c>core</c>) on a stand-in that a test turns Unhealthy and back, notification
/// targets on the same stand-in, and its logs captured.
/// </summary>
internal sealed class NotifyScenario : IAsyncDisposable
{
    private readonly HttpStandIn _standIn;
    private readonly string _check;
    private readonly HealthGateApplication _app;

    public NotifyScenario(HttpStandIn standIn, params (string Key, object? Value)[] settings)
    {
        _standIn = standIn;
        Prefix = $"/{Guid.NewGuid():N}";
        _check = Prefix + "/core";
        standIn.Respond(_check, 200, "ok");
        _app = HealthGateApplication.With([.. Check("core", "http", "P0", ("Url", standIn.Url(_check))), ("Notify:TimeoutSeconds", 1), .. settings]);
        Factory = _app.CapturingLogs(Logs);
        Client = Factory.CreateClient();
    }

    /// <summary>The scenario's own path prefix on the stand-in, for its receivers.</summary>
    public string Prefix { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client { get; }

    public string Url(string path) => _standIn.Url(Prefix + path);

    public Receiver Receiver(string path, int success = 200) => new(_standIn, Prefix + path, success);

    /// <summary>Turns <c>core</c> Unhealthy (503) or Healthy and runs a live preflight, returning its wall time.</summary>
    public async Task<TimeSpan> PreflightAsync(bool healthy)
    {
        _standIn.Respond(_check, healthy ? 200 : 503, healthy ? "ok" : "down");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        return watch.Elapsed;
    }

    public static Task WaitAsync(Func<bool> condition, string what, double seconds = 5) =>
        ProcessRunner.WaitUntilAsync(() => Task.FromResult(condition()), TimeSpan.FromSeconds(seconds), what);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await _app.DisposeAsync();
        Logs.Dispose();
    }
}
