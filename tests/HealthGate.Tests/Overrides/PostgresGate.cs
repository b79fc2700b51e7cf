namespace HealthGate.Tests.Overrides;

/// <summary>A stand-in for the checks and a gate whose store is a database of its own on the assembly's PostgreSQL.</summary>
public sealed class PostgresGate(PostgresServer server) : IAsyncLifetime
{
    private readonly HttpStandIn _standIn = new();

    internal GateScenario Gate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        Gate = await NewGateAsync();
    }

    internal async Task<GateScenario> NewGateAsync()
    {
        var connectionString = await server.CreateDatabaseAsync();
        return GateScenario.WithPeople(_standIn, ("Storage:Provider", "postgres"), ("Storage:ConnectionString", connectionString));
    }

    public async Task DisposeAsync()
    {
        await Gate.DisposeAsync();
        await _standIn.DisposeAsync();
    }
}
