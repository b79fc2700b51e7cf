using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>deploy/prometheus: the rules and scrape configs pass promtool, and every alert has unit tests both ways.</summary>
public sealed partial class PrometheusRulesTests
{
    private const string Alerts = "deploy/prometheus/alerts.yml";

    [Fact]
    public async Task AlertRulesPassPromtoolCheckRules()
    {
        var result = await Tool.RunAsync(Tool.Promtool, ["check", "rules", RepoRoot.File(Alerts)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"SUCCESS: {AlertNames().Count} rules found", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRuleUnitTestsPassPromtoolTestRules()
    {
        var tests = RuleTestFiles();
        Assert.NotEmpty(tests);

        var result = await Tool.RunAsync(Tool.Promtool, ["test", "rules", .. tests]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("FAILED", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryAlertHasAFiringAndANonFiringUnitTest()
    {
        var cases = RuleTestFiles()
            .SelectMany(file => Yaml.Load(file)["tests"]!.AsArray())
            .SelectMany(test => test!["alert_rule_test"]?.AsArray() ?? [])
            .Select(c => (Alert: (string)c!["alertname"]!, Fires: c["exp_alerts"]?.AsArray().Count > 0))
            .ToList();

        foreach (var alert in AlertNames())
        {
            Assert.True(cases.Contains((alert, true)), $"{alert} has no unit test where it fires");
            Assert.True(cases.Contains((alert, false)), $"{alert} has no unit test where it stays silent");
        }
    }

    [Fact]
    public void EveryAlertIsInTheDeploymentDocsAlertTable()
    {
        var rows = File.ReadAllLines(RepoRoot.File("docs/deployment.md"))
            .Select(l => AlertRow().Match(l))
            .Where(m => m.Success)
            .Select(m => m.Groups["alert"].Value)
            .ToList();

        Assert.Equal(AlertNames().Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryRuleTestLoadsTheRulesFile()
    {
        foreach (var file in RuleTestFiles())
        {
            var ruleFiles = Yaml.Load(file)["rule_files"]!.AsArray().Select(f => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, (string)f!)));

            Assert.Contains(RepoRoot.File(Alerts), ruleFiles);
        }
    }

    [Fact]
    public void EveryRuleExpressionNamesOnlyExposedSeries()
    {
        var rules = Yaml.Load(RepoRoot.File(Alerts))["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).ToList();
        Assert.NotEmpty(rules);

        var problems = rules
            .SelectMany(r => PromQl.Selectors((string)r!["expr"]!).SelectMany(ExposedSeries.Problems).Select(p => $"{r["alert"] ?? r["record"]}: {p}"))
            .ToList();

        Assert.Empty(problems);
    }

    [Fact]
    public void EveryGroupingAndAnnotationLabelIsOneTheSelectedSeriesCarry()
    {
        var rules = Yaml.Load(RepoRoot.File(Alerts))["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).ToList();

        var problems = rules.SelectMany(r =>
        {
            var shown = (r!["annotations"]?.AsObject() ?? []).SelectMany(a => AnnotationLabel().Matches((string)a.Value!).Select(m => m.Groups["label"].Value));
            var own = (r["labels"]?.AsObject() ?? []).Select(l => l.Key);
            return ExposedSeries.LabelProblems((string)r["expr"]!, shown, own).Select(p => $"{r["alert"] ?? r["record"]}: {p}");
        }).ToList();

        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("HealthGateVenueNotOpen", "venue")]
    [InlineData("HealthGateHostClockUnsynchronised", "clock")]
    [InlineData("HealthGateMessageBrokerUnhealthy", "rabbitmq")]
    [InlineData("HealthGateMessageBrokerUnhealthy", "nats")]
    [InlineData("HealthGateMonitoringIncomplete", "alerting")]
    [InlineData("HealthGateMonitoringIncomplete", "dashboard")]
    public void TheCheckTypeAlertsSelectTheirTypeOfCheckStatus(string alert, string type)
    {
        var rule = Yaml.Load(RepoRoot.File(Alerts))["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Single(r => (string?)r!["alert"] == alert)!;

        var selector = Assert.Single(PromQl.Selectors((string)rule["expr"]!));
        Assert.Equal("healthgate_check_status", selector.Metric);
        Assert.Contains(selector.Matchers, m => m.Label == "type" && m.Value.Split('|').Contains(type));
    }

    [Theory]
    [InlineData("deploy/prometheus/prometheus.yml")]
    public async Task ScrapeConfigPassesPromtoolCheckConfig(string config)
    {
        var result = await Tool.RunAsync(Tool.Promtool, ["check", "config", RepoRoot.File(config)]);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task KubernetesScrapeConfigPassesPromtoolWithAStaticTargetInPlaceOfPodDiscovery()
    {
        // Debian's promtool is built without Kubernetes discovery: check everything else, relabelling included.
        var config = Yaml.Load(RepoRoot.File("deploy/prometheus/prometheus-kubernetes.yml"));
        foreach (var job in config["scrape_configs"]!.AsArray())
        {
            Assert.NotNull(job!["kubernetes_sd_configs"]);
            job.AsObject().Remove("kubernetes_sd_configs");
            job["static_configs"] = new JsonArray(new JsonObject { ["targets"] = new JsonArray("10.0.0.1:8080") });
        }

        var directory = Directory.CreateTempSubdirectory("healthgate-promtool-");
        try
        {
            File.Copy(RepoRoot.File(Alerts), Path.Combine(directory.FullName, "alerts.yml"));
            var file = Path.Combine(directory.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(file, config.ToJsonString());

            var result = await Tool.RunAsync(Tool.Promtool, ["check", "config", file]);

            Assert.True(result.ExitCode == 0, result.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("deploy/prometheus/prometheus.yml")]
    [InlineData("deploy/prometheus/prometheus-kubernetes.yml")]
    public void ScrapeConfigHasTheHealthgateJobTheRulesSelectAndLoadsTheAlerts(string config)
    {
        var root = Yaml.Load(RepoRoot.File(config));
        var job = Assert.Single(root["scrape_configs"]!.AsArray(), j => (string?)j!["job_name"] == "healthgate");

        Assert.Equal("/metrics", (string?)job!["metrics_path"] ?? "/metrics");
        Assert.Contains("alerts.yml", root["rule_files"]!.AsArray().Select(f => (string?)f));
    }

    [GeneratedRegex(@"^\| `(?<alert>HealthGate\w+)` \|")]
    private static partial Regex AlertRow();

    [GeneratedRegex(@"\$labels\.(?<label>\w+)")]
    private static partial Regex AnnotationLabel();

    private static List<string> AlertNames() =>
        [.. Yaml.Load(RepoRoot.File(Alerts))["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => (string?)r!["alert"])
            .OfType<string>()];

    private static string[] RuleTestFiles() =>
        [.. Directory.GetFiles(RepoRoot.File("deploy/prometheus/tests"), "*.yml").Order(StringComparer.Ordinal)];
}
