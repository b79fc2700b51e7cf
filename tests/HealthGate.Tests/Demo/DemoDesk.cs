using System.Globalization;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Demo;

/// <summary>
/// The demo desk without the script: real PostgreSQL and Redis, the demo backend program and the real service
/// process, configured from the template scripts/demo.sh fills.
/// </summary>
public sealed class DemoDesk : IAsyncLifetime
{
    private readonly PostgresServer _postgres = new();
    private readonly TempDirectory _directory = new();

    public RedisServer Redis { get; } = new();

    public DemoBackendProcess Backend { get; } = new();

    public ServiceProcess Gate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(_postgres.InitializeAsync(), Redis.InitializeAsync(), Backend.InitializeAsync());
        var data = Path.Combine(_directory.Path, "data");
        Directory.CreateDirectory(data);
        var desk = await DemoDeskTemplate.FillAsync(new Dictionary<string, string>
        {
            ["PG_PORT"] = _postgres.Port.ToString(CultureInfo.InvariantCulture),
            ["PG_PASSWORD"] = PostgresServer.Password,
            ["REDIS_PORT"] = Redis.Port.ToString(CultureInfo.InvariantCulture),
            ["BACKEND"] = Backend.BaseUrl,
            ["DATA_DIR"] = data,
        });
        var config = Path.Combine(_directory.Path, "demo-desk.json");
        await File.WriteAllTextAsync(config, desk);
        Gate = ServiceProcess.Start(new() { WorkingDirectory = _directory.Path, ConfigFile = config });
        await Gate.WaitUntilServingAsync();

        // The rows start from a green desk: every readiness check answered once (connections made, code paths warm).
        await ProcessRunner.WaitUntilAsync(
            async () =>
            {
                using var ready = await Gate.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                return ready.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(60),
            "the demo desk ready (/health/ready 200)");
    }

    public async Task DisposeAsync()
    {
        if (Gate is not null)
        {
            await Gate.DisposeAsync();
        }

        await Task.WhenAll(Backend.DisposeAsync(), Redis.DisposeAsync(), _postgres.DisposeAsync());
        _directory.Dispose();
    }
}
