using HealthGate.Checks.Prometheus;

namespace HealthGate.Tests.Checks;

/// <summary>Which metric names a Prometheus text exposition holds.</summary>
public sealed class ExpositionNamesTests
{
    [Fact]
    public void SamplesCountByTheirNameWithOrWithoutLabels()
    {
        var names = ExpositionNames.Read("""
            up 1
            risk_gate_decisions_total{decision="allow",venue="binance"} 42 1764000000000
            ess_triggers_total 0
            """);

        Assert.Equal(["ess_triggers_total", "risk_gate_decisions_total", "up"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HelpTypeAndOtherCommentLinesAreNotMetrics()
    {
        var names = ExpositionNames.Read("""
            # HELP ess_triggers_total Emergency stops triggered.
            # TYPE ess_triggers_total counter
            # risk_gate_decisions_total is exported by the risk service
            #risk_gate_blocked 1
            """);

        Assert.Empty(names);
    }

    [Fact]
    public void AHistogramCountsByItsBaseName()
    {
        var names = ExpositionNames.Read("""
            # HELP order_latency_seconds Order round trip.
            # TYPE order_latency_seconds histogram
            order_latency_seconds_bucket{le="0.1"} 3
            order_latency_seconds_bucket{le="+Inf"} 5
            order_latency_seconds_sum 0.7
            order_latency_seconds_count 5
            """);

        Assert.Contains("order_latency_seconds", names);
        Assert.Contains("order_latency_seconds_bucket", names);
        Assert.Contains("order_latency_seconds_count", names);
    }

    [Fact]
    public void ASummaryCountsByItsBaseName()
    {
        var names = ExpositionNames.Read("""
            # TYPE fill_ratio summary
            fill_ratio_sum 1.5
            fill_ratio_count 2
            """);

        Assert.Contains("fill_ratio", names);
    }

    [Fact]
    public void ADeclaredFamilyWithoutSamplesIsAbsent()
    {
        var names = ExpositionNames.Read("""
            # HELP risk_gate_decisions_total Decisions of the risk gate.
            # TYPE risk_gate_decisions_total counter
            """);

        Assert.DoesNotContain("risk_gate_decisions_total", names);
    }

    [Fact]
    public void ADeclaredFamilyWithoutSamplesIsAbsentEvenWhenAnotherFamilySharesItsPrefix()
    {
        var names = ExpositionNames.Read("""
            # TYPE ess_triggers gauge
            # TYPE ess_triggers_by_venue gauge
            ess_triggers_by_venue{venue="binance"} 2
            """);

        Assert.DoesNotContain("ess_triggers", names);
        Assert.Contains("ess_triggers_by_venue", names);
    }

    [Fact]
    public void AHistogramBaseNameNeedsAHistogramSuffix()
    {
        var names = ExpositionNames.Read("""
            # TYPE order_latency_seconds histogram
            order_latency_seconds_p99 0.3
            """);

        Assert.DoesNotContain("order_latency_seconds", names);
    }

    [Fact]
    public void LabelValuesMayContainBracesSpacesAndQuotes()
    {
        var names = ExpositionNames.Read("""
            http_requests_total{path="/a} b",msg="say \"hi\" {x}"} 7
            """);

        Assert.Equal(["http_requests_total"], names);
    }

    [Fact]
    public void SpecialValuesAndExemplarsAreAccepted()
    {
        var names = ExpositionNames.Read("""
            a_gauge NaN
            b_gauge +Inf
            c_gauge -Inf
            d_bucket{le="1"} 3 # {trace_id="abc"} 0.5
            e_gauge 1.5e-3
            """);

        Assert.Equal(["a_gauge", "b_gauge", "c_gauge", "d_bucket", "e_gauge"], names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LinesThatAreNotSamplesAreNotMetrics()
    {
        var names = ExpositionNames.Read("""
            <!DOCTYPE html>
            <html><body>
            Please log in
            risk_gate_decisions_total
            ess_triggers_total{venue="x"}
            9lives 1
            up one
            </body></html>
            """);

        Assert.Empty(names);
    }

    [Fact]
    public void ATruncatedTypeLineIsIgnored()
    {
        var names = ExpositionNames.Read("# TYPE\n#  TYPE  up   gauge\nup 1\n");

        Assert.Equal(["up"], names);
    }
}
