namespace HealthGate.Deploy.Tests;

/// <summary>The selector reader that the dashboard and rule tests rely on finds series and only series.</summary>
public sealed class PromQlTests
{
    [Fact]
    public void AggregationsFunctionsLabelListsAndRangesAreNotSeries()
    {
        var names = Names("histogram_quantile(0.95, sum by (le, mode) (rate(healthgate_preflight_duration_seconds_bucket{mode=~\"$mode\"}[$__rate_interval])))");

        Assert.Equal(["healthgate_preflight_duration_seconds_bucket"], names);
    }

    [Fact]
    public void BothSidesOfBinaryOperatorsAndOffsetsAreRead()
    {
        var names = Names("sum(a_total unless a_total offset 6h) + on(kind) group_left(mode) b_total or vector(0) == bool 1e3");

        Assert.Equal(["a_total", "a_total", "b_total"], names);
    }

    [Fact]
    public void StringsAndGrafanaVariablesNeverCountAsSeries()
    {
        var names = Names("label_replace(up{job=\"not_a_series\"}, \"dst\", \"$1\", \"src\", \"(x_total)\") * ${factor} + $offset");

        Assert.Equal(["up"], names);
    }

    [Fact]
    public void MatchersAreReadWithTheirOperatorsAndValues()
    {
        var selector = Assert.Single(PromQl.Selectors("healthgate_check_status{tier=\"P0\", check!~\"a}b\",type='redis'}"));

        Assert.Equal("healthgate_check_status", selector.Metric);
        Assert.Equal(
            [new PromQl.Matcher("tier", "=", "P0"), new PromQl.Matcher("check", "!~", "a}b"), new PromQl.Matcher("type", "=", "redis")],
            selector.Matchers);
    }

    [Fact]
    public void ANameMatcherIsRejectedBecauseItHidesTheSeries()
    {
        Assert.Throws<FormatException>(() => PromQl.Selectors("{__name__=~\"healthgate_.*\"}"));
    }

    [Fact]
    public void GroupingListsAreReadAsLabelsAndByListsApart()
    {
        const string expression = "sum by (kind, mode) (a_total) + on(kind) group_left(tier) max without (le) (b_bucket)";

        Assert.Equal(["kind", "mode", "kind", "tier", "le"], PromQl.GroupingLabels(expression));
        Assert.Equal(["kind", "mode"], PromQl.ByLabels(expression));
    }

    [Theory]
    [InlineData("min by (chek) (healthgate_check_status)", "", "groups by 'chek'")]
    [InlineData("min by (check) (healthgate_check_status)", "type", "shows label 'type'")]
    [InlineData("healthgate_ready", "mode", "shows label 'mode'")]
    public void LabelProblemsFindGroupingAndShownLabelsTheSeriesDoNotCarry(string expression, string shown, string problem)
    {
        var problems = ExposedSeries.LabelProblems(expression, shown.Length == 0 ? [] : [shown]).ToList();

        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("min by (check, instance) (healthgate_check_status{type=\"clock\"})", "instance")]
    [InlineData("healthgate_ready == 0", "instance")]
    [InlineData("sum by (le, mode) (rate(healthgate_preflight_duration_seconds_bucket[5m]))", "mode")]
    public void LabelProblemsAcceptWhatTheResultCarries(string expression, string shown)
    {
        Assert.Empty(ExposedSeries.LabelProblems(expression, [shown]));
    }

    [Theory]
    [InlineData("healthgate_check_statuz", "not a series")]
    [InlineData("healthgate_preflight_duration_seconds", "not a series")]
    [InlineData("healthgate_check_status{teir=\"P0\"}", "no label 'teir'")]
    [InlineData("healthgate_preflight_runs_total{verdict=\"pass\"}", "'pass' is not one of")]
    [InlineData("healthgate_check_status{type=\"vnue\"}", "'vnue' is not one of")]
    [InlineData("healthgate_check_status{type=~\"venue|natz\"}", "'natz' is not one of")]
    public void ExposedSeriesRejectsWhatTheServiceDoesNotExpose(string expression, string problem)
    {
        var problems = PromQl.Selectors(expression).SelectMany(ExposedSeries.Problems).ToList();

        Assert.Contains(problems, p => p.Contains(problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("healthgate_preflight_duration_seconds_bucket{le=\"+Inf\",mode=\"live\",job=\"healthgate\"}")]
    [InlineData("healthgate_overrides_total{kind=\"force_start\",instance=~\".+\"}")]
    [InlineData("healthgate_check_status{tier=\"$tier\"}")]
    [InlineData("healthgate_check_status{type=~\"venue|clock|session|rabbitmq|nats|alerting|dashboard\"}")]
    [InlineData("healthgate_check_status{type=~\"ven.*\"}")]
    public void ExposedSeriesAcceptsTheContract(string expression)
    {
        Assert.Empty(PromQl.Selectors(expression).SelectMany(ExposedSeries.Problems));
    }

    private static string[] Names(string expression) => [.. PromQl.Selectors(expression).Select(s => s.Metric)];
}
