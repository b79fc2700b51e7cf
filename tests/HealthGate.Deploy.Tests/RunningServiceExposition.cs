using System.Net;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// The /metrics of the real service process after a background readiness run and a live preflight: what
/// Prometheus scrapes in production, which the dashboards and alert rules are compared with.
/// </summary>
public sealed class RunningServiceExposition : IAsyncLifetime
{
    private readonly HttpStandIn _standIn = new();
    private readonly TempDirectory _directory = new();
    private ServiceProcess? _service;

    public IReadOnlyList<Series> Samples { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        _standIn.Respond("/ready", 200, "ok");
        _standIn.Respond("/down", 503, "down");
        // The desk defines the checks; the environment supplies only an endpoint, as in production.
        var desk = _directory.WriteConfig(new
        {
            HealthGate = new
            {
                Checks = new
                {
                    core = new { Type = "http", Tier = "P0" },
                    execution = new { Type = "http", Tier = "P1", Url = _standIn.Url("/down") },
                },
                Readiness = new { PeriodSeconds = 1 },
            },
        });
        _service = await ServiceProcess.StartServingAsync(new()
        {
            WorkingDirectory = _directory.Path,
            ConfigFile = desk,
            Environment = new Dictionary<string, string> { ["HealthGate__Checks__core__Url"] = _standIn.Url("/ready") },
        });

        // A 200 from /health/ready is the answer of a completed background run, not of the start.
        await ProcessRunner.WaitUntilAsync(
            async () => (await _service.Client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            "a background readiness run answering 200");
        var preflight = await _service.Client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, preflight.StatusCode);
        Samples = Exposition.Parse(await Exposition.ScrapeAsync(_service.Client));
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        await _standIn.DisposeAsync();
        _directory.Dispose();
    }
}
