using System.Text.Json.Nodes;

namespace HealthGate.Deploy.Tests;

/// <summary>deploy/grafana: the dashboard queries only exposed series, in valid PromQL, through the provisioned data source.</summary>
public sealed class GrafanaDashboardTests
{
    private readonly GrafanaDashboard _dashboard = GrafanaDashboard.Load();

    [Fact]
    public void EveryDashboardQueryNamesOnlyExposedSeries()
    {
        Assert.NotEmpty(_dashboard.Queries);

        var problems = _dashboard.Queries
            .SelectMany(q => PromQl.Selectors(q.Expression).SelectMany(ExposedSeries.Problems).Select(p => $"{q.Panel}: {p}"))
            .ToList();

        Assert.Empty(problems);
    }

    [Fact]
    public void EveryGroupingAndLegendLabelIsOneTheQueriedSeriesCarry()
    {
        var problems = _dashboard.Queries
            .SelectMany(q => ExposedSeries.LabelProblems(q.Expression, GrafanaDashboard.LegendLabels(q.Legend)).Select(p => $"{q.Panel}: {p}"))
            .ToList();

        Assert.Empty(problems);
        Assert.Contains(_dashboard.Queries, q => q.Legend == "{{mode}}" && q.Panel == "$mode");
    }

    [Fact]
    public void TheVenueClockBrokerAndMonitoringCheckTypesHavePanels()
    {
        var types = _dashboard.Queries
            .SelectMany(q => PromQl.Selectors(q.Expression))
            .Where(s => s.Metric == "healthgate_check_status")
            .SelectMany(s => s.Matchers.Where(m => m.Label == "type" && m.Operator is "=" or "=~").SelectMany(m => m.Value.Split('|')))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["venue", "session", "clock", "rabbitmq", "nats", "alerting", "dashboard"], StringComparer.Ordinal), types);
        // Each replica has its own host clock: its panel must not fold replicas together.
        var clock = Assert.Single(_dashboard.Queries, q => q.Expression.Contains("type=\"clock\"", StringComparison.Ordinal));
        Assert.Contains("instance", PromQl.ByLabels(clock.Expression));
    }

    [Fact]
    public void EveryDashboardQueryNamesAtLeastOneSeries()
    {
        var empty = _dashboard.Queries.Where(q => PromQl.Selectors(q.Expression).Count == 0).Select(q => $"{q.Panel}: {q.Expression}");

        Assert.Empty(empty);
    }

    [Fact]
    public async Task EveryDashboardQueryIsValidPromQlForPromtool()
    {
        var samples = new Dictionary<string, string>(StringComparer.Ordinal) { ["mode"] = "live", ["tier"] = "P0" };
        var rules = new JsonArray([.. _dashboard.Queries.Select((q, i) => (JsonNode)new JsonObject
        {
            ["record"] = $"dashboard:query_{i}",
            ["expr"] = GrafanaDashboard.Substitute(q.Expression, samples),
        })]);
        var file = Path.Combine(Path.GetTempPath(), $"healthgate-dashboard-{Guid.NewGuid():N}.yml");
        await File.WriteAllTextAsync(file, new JsonObject { ["groups"] = new JsonArray(new JsonObject { ["name"] = "dashboard", ["rules"] = rules }) }.ToJsonString());
        try
        {
            var result = await Tool.RunAsync(Tool.Promtool, ["check", "rules", file]);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"SUCCESS: {rules.Count} rules found", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void EveryVariableAQueryUsesIsDefinedOrBuiltIn()
    {
        var defined = _dashboard.Variables.Select(v => (string)v["name"]!).Concat(GrafanaDashboard.BuiltIns.Keys).ToHashSet(StringComparer.Ordinal);

        var undefined = _dashboard.Queries.SelectMany(q => GrafanaDashboard.VariablesIn(q.Expression).Where(v => !defined.Contains(v)).Select(v => $"{q.Panel}: ${v}"));

        Assert.Empty(undefined);
    }

    [Fact]
    public void DashboardShowsVerdictsCheckGridDurationsPreflightRateLatencyAndOverrides()
    {
        var queries = _dashboard.Queries;
        bool Has(Func<GrafanaDashboard.Query, bool> predicate) => queries.Any(predicate);

        Assert.True(Has(q => q.Expression.Contains("by (mode) (healthgate_preflight_exit_code", StringComparison.Ordinal)), "no verdict per mode");
        Assert.True(Has(q => q.Expression.Contains("rate(healthgate_preflight_runs_total", StringComparison.Ordinal)), "no preflight rate");
        Assert.True(Has(q => q.Expression.StartsWith("histogram_quantile(0.5,", StringComparison.Ordinal) && q.Expression.Contains("healthgate_preflight_duration_seconds_bucket", StringComparison.Ordinal)), "no p50 latency");
        Assert.True(Has(q => q.Expression.StartsWith("histogram_quantile(0.95,", StringComparison.Ordinal) && q.Expression.Contains("healthgate_preflight_duration_seconds_bucket", StringComparison.Ordinal)), "no p95 latency");
        Assert.True(Has(q => q.Expression.Contains("healthgate_check_duration_seconds", StringComparison.Ordinal)), "no check durations");
        Assert.True(Has(q => q.Expression.Contains("healthgate_overrides_total", StringComparison.Ordinal)), "no overrides");

        var grid = Assert.Single(_dashboard.Panels, p => (string?)p["repeat"] == "tier");
        Assert.Contains("healthgate_check_status{tier=\"$tier\"}", (string)grid["targets"]![0]!["expr"]!, StringComparison.Ordinal);
        var tiers = Assert.Single(_dashboard.Variables, v => (string?)v["name"] == "tier");
        Assert.Equal("P0,P1,P2", (string?)tiers["query"]);
    }

    [Fact]
    public void EveryPanelQueriesThroughTheDatasourceVariable()
    {
        var datasource = Assert.Single(_dashboard.Variables, v => (string?)v["type"] == "datasource");
        Assert.Equal("prometheus", (string?)datasource["query"]);
        var reference = $"${{{datasource["name"]}}}";

        foreach (var panel in _dashboard.Panels.Where(p => (string?)p["type"] != "row"))
        {
            Assert.Equal(reference, (string?)panel["datasource"]?["uid"]);
            Assert.All(panel["targets"]!.AsArray(), t => Assert.Equal(reference, (string?)t!["datasource"]?["uid"]));
        }
    }

    [Fact]
    public void PanelIdsAreUniqueAndPanelsFitTheGrid()
    {
        var panels = _dashboard.Panels;

        Assert.Equal(panels.Count, panels.Select(p => (int)p["id"]!).Distinct().Count());
        Assert.All(panels, p => Assert.InRange((int)p["gridPos"]!["x"]! + (int)p["gridPos"]!["w"]!, 1, 24));
        Assert.All(panels.Where(p => (string?)p["type"] != "row"), p => Assert.NotEmpty(p["targets"]!.AsArray()));
    }

    [Fact]
    public void ProvisioningDefinesThePrometheusDatasourceAndLoadsDashboardsFromFiles()
    {
        var datasource = Assert.Single(Yaml.Load(RepoRoot.File("deploy/grafana/provisioning/datasources/prometheus.yml"))["datasources"]!.AsArray());
        Assert.Equal("prometheus", (string?)datasource!["type"]);
        Assert.Equal(true, (bool?)datasource["isDefault"]);

        var provider = Assert.Single(Yaml.Load(RepoRoot.File("deploy/grafana/provisioning/dashboards/healthgate.yml"))["providers"]!.AsArray());
        Assert.Equal("file", (string?)provider!["type"]);
        Assert.StartsWith("/", (string?)provider["options"]!["path"], StringComparison.Ordinal);
        Assert.Equal("healthgate", (string?)_dashboard.Root["uid"]);
    }
}
