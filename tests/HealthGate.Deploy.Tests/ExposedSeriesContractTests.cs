using static HealthGate.Testing.Settings;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// The series the dashboards and alert rules are checked against are the series /metrics really serves, with the
/// same labels, so the deploy files cannot drift from the service.
/// </summary>
public sealed class ExposedSeriesContractTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    [Fact]
    public async Task EverySeriesTheDeployFilesMayNameIsServedWithExactlyItsLabels()
    {
        fixture.StandIn.Respond("/contract", 200, "ok");
        await using var app = HealthGateApplication.With([.. Check("core", "http", "P0", ("Url", fixture.StandIn.Url("/contract")))]);
        using var client = app.CreateClient();
        await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative)); // gauges that appear after a first run

        var served = Exposition.Parse(await Exposition.ScrapeAsync(client));

        foreach (var (name, labels) in ExposedSeries.Labels.Where(s => s.Key != "up"))
        {
            var samples = served.Where(s => s.Name == name).ToList();
            Assert.True(samples.Count > 0, $"/metrics serves no '{name}'");
            Assert.All(samples, s => Assert.Equal(labels.Order(StringComparer.Ordinal), s.Labels.Keys.Order(StringComparer.Ordinal)));
        }
    }
}
