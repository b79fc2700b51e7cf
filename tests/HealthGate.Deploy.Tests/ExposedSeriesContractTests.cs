using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// The series the dashboards and alert rules are checked against are the series /metrics really serves, with the
/// same labels, so the deploy files cannot drift from the service; and every selector, grouping label and matcher
/// label of the deploy files is one the running service's samples carry.
/// </summary>
public sealed partial class ExposedSeriesContractTests(RunningServiceExposition served) : IClassFixture<RunningServiceExposition>
{
    [Fact]
    public void EverySeriesTheDeployFilesMayNameIsServedWithExactlyItsLabels()
    {
        foreach (var (name, labels) in ExposedSeries.Labels.Where(s => s.Key != "up"))
        {
            var samples = served.Samples.Where(s => s.Name == name).ToList();
            Assert.True(samples.Count > 0, $"/metrics serves no '{name}'");
            Assert.All(samples, s => Assert.Equal(labels.Order(StringComparer.Ordinal), s.Labels.Keys.Order(StringComparer.Ordinal)));
        }
    }

    [Fact]
    public void EveryDeployExpressionNamesServedSeriesAndOnlyTheirLabels()
    {
        var expressions = DeployExpressions();
        Assert.True(expressions.Count >= 20, $"only {expressions.Count} expressions found");

        var problems = new List<string>();
        foreach (var (where, expression) in expressions)
        {
            var selectors = PromQl.Selectors(expression).Where(s => s.Metric != "up").ToList();
            var carried = selectors.SelectMany(s => served.Samples.Where(x => x.Name == s.Metric).SelectMany(x => x.Labels.Keys))
                .Concat(ExposedSeries.TargetLabels)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var selector in selectors)
            {
                var samples = served.Samples.Where(s => s.Name == selector.Metric).ToList();
                if (samples.Count == 0)
                {
                    problems.Add($"{where}: /metrics serves no '{selector.Metric}'");
                    continue;
                }

                problems.AddRange(selector.Matchers
                    .Where(m => !ExposedSeries.TargetLabels.Contains(m.Label) && !samples.Any(s => s.Labels.ContainsKey(m.Label)))
                    .Select(m => $"{where}: '{selector.Metric}' is served without a label '{m.Label}'"));
            }

            if (selectors.Count > 0)
            {
                problems.AddRange(PromQl.GroupingLabels(expression).Where(l => !carried.Contains(l)).Select(l => $"{where}: groups by '{l}', which no served sample carries"));
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void EveryDocumentedCheckTypeIsATypeValueTheDeployFilesMayUse()
    {
        var documented = CheckSection().Matches(File.ReadAllText(RepoRoot.File("docs/checks.md"))).Select(m => m.Groups["type"].Value).ToList();

        Assert.Contains("alerting", documented);
        Assert.Contains("dashboard", documented);
        Assert.Subset(ExposedSeries.FixedValues["type"].ToHashSet(StringComparer.Ordinal), documented.ToHashSet(StringComparer.Ordinal));
        Assert.Contains(served.Samples, s => s.Name == "healthgate_check_status" && s.Labels["type"] == "http");
    }

    private static List<(string Where, string Expression)> DeployExpressions()
    {
        var rules = Yaml.Load(RepoRoot.File("deploy/prometheus/alerts.yml"))["groups"]!.AsArray()
            .SelectMany(g => g!["rules"]!.AsArray())
            .Select(r => ($"alerts.yml {r!["alert"] ?? r["record"]}", (string)r["expr"]!));
        var dashboards = Directory.GetFiles(RepoRoot.File("deploy/grafana/dashboards"), "*.json").Length == 1
            ? GrafanaDashboard.Load().Queries.Select(q => ($"{GrafanaDashboard.File} {q.Panel}", GrafanaDashboard.Substitute(q.Expression, new Dictionary<string, string>(StringComparer.Ordinal) { ["mode"] = "live", ["tier"] = "P0" })))
            : throw new Xunit.Sdk.XunitException("deploy/grafana/dashboards holds more than the one dashboard this test reads");
        return [.. rules, .. dashboards];
    }

    [GeneratedRegex(@"^## (?<type>[a-z]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CheckSection();
}
