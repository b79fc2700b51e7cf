using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Dashboard;

/// <summary>What the dashboard's browser tests share per class: one Chromium, one HTTP stand-in, one Redis.</summary>
public sealed class BrowserDependencies : IAsyncLifetime
{
    public ChromiumFixture Chromium { get; } = new();

    public HttpStandIn StandIn { get; } = new();

    public RedisServer Redis { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Chromium.InitializeAsync(), StandIn.InitializeAsync(), Redis.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await StandIn.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
