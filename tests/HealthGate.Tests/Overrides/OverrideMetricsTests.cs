using System.Net;
using static HealthGate.Tests.Overrides.GateScenario;

namespace HealthGate.Tests.Overrides;

/// <summary>healthgate_overrides_total counts accepted overrides once they are durable, and nothing else.</summary>
public sealed class OverrideMetricsTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task AcceptedOverridesAreCountedByKindAndModeAndRefusedOnesAreNot()
    {
        await using var gate = WithKey(_standIn);
        var p1 = await gate.RunAsync("P1_FAIL");
        var p0 = await gate.RunAsync("P0_FAIL");

        Assert.Equal(HttpStatusCode.Created, (await gate.PostAsync(Request("force_start", "live", p1))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await gate.PostAsync(Request("force_start", "live", p0))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gate.PostAsync(Request("skip_health_check", "live", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await gate.PostAsync(Request("skip_health_check", "live", null))).StatusCode);
        var metrics = await gate.Client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Contains("healthgate_overrides_total{kind=\"force_start\",mode=\"live\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("healthgate_overrides_total{kind=\"skip_health_check\",mode=\"live\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("healthgate_overrides_total{kind=\"force_start\",mode=\"paper\"} 0\n", metrics, StringComparison.Ordinal);
    }
}
