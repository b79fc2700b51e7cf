using static HealthGate.Tests.Overrides.GateScenario;

namespace HealthGate.Tests.Overrides;

/// <summary>Two callers at once on one override, on the embedded store (the PostgreSQL rows are in <see cref="PostgresLifecycleTests"/>).</summary>
public sealed class RaceTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task TwoPeopleApprovingTheLastRoleAtOnceFillItOnce()
    {
        await using var gate = WithPeople(_standIn);

        await OverrideRaces.TwoPeopleApprovingTheLastRoleAtOnceFillItOnceAsync(gate);
    }

    [Fact]
    public async Task TwoUsesAtOnceUseItOnce()
    {
        await using var gate = WithPeople(_standIn);

        await OverrideRaces.TwoUsesAtOnceUseItOnceAsync(gate);
    }
}
