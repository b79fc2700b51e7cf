namespace HealthGate.Testing;

/// <summary>One stand-in server shared by the tests of a class; each test uses its own paths.</summary>
public sealed class HttpStandInFixture : IAsyncLifetime
{
    public HttpStandIn StandIn { get; } = new();

    public Task InitializeAsync() => StandIn.InitializeAsync();

    public Task DisposeAsync() => StandIn.DisposeAsync();
}
