namespace HealthGate.Tests.Metrics;

/// <summary>docs/observability.md is the contract dashboards and alerts are written against: it must name every family.</summary>
public sealed class MetricsDocumentationTests
{
    [Fact]
    public async Task TheObservabilityDocListsEveryExposedFamilyWithItsType()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        var types = Exposition.Types(await Exposition.ScrapeAsync(client));

        var doc = await File.ReadAllLinesAsync(RepoRoot.File("docs/observability.md"));

        var rows = doc.Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1].Trim('`'), cells => cells[2]);
        Assert.All(types, family =>
        {
            Assert.True(rows.TryGetValue(family.Key, out var type), $"docs/observability.md has no row for {family.Key}");
            Assert.Equal(family.Value, type);
        });
    }
}
