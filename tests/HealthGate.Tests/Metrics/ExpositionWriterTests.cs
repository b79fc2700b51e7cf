using System.Buffers;
using System.Text;
using HealthGate.Metrics;

namespace HealthGate.Tests.Metrics;

/// <summary>The exact bytes of the text exposition format 0.0.4.</summary>
public sealed class ExpositionWriterTests
{
    [Fact]
    public void AGaugeFamilyIsHelpTypeAndOneLinePerSample()
    {
        var text = Write(w =>
        {
            w.Family("healthgate_ready", MetricType.Gauge, "1 when ready.");
            w.Sample("healthgate_ready", 1);
            w.Family("healthgate_check_status", MetricType.Gauge, "Status.");
            w.Sample("healthgate_check_status", 0.5, new Label("check", "redis"), new Label("tier", "P0"), new Label("type", "redis"));
        });

        Assert.Equal(
            "# HELP healthgate_ready 1 when ready.\n# TYPE healthgate_ready gauge\nhealthgate_ready 1\n" +
            "# HELP healthgate_check_status Status.\n# TYPE healthgate_check_status gauge\n" +
            "healthgate_check_status{check=\"redis\",tier=\"P0\",type=\"redis\"} 0.5\n",
            text);
    }

    [Fact]
    public void LabelValuesEscapeBackslashDoubleQuoteAndNewline()
    {
        var text = Write(w => w.Sample("m", 1, new Label("check", "a\\b\"c\nd")));

        Assert.Equal("m{check=\"a\\\\b\\\"c\\nd\"} 1\n", text);
    }

    [Fact]
    public void HelpEscapesBackslashAndNewlineButNotDoubleQuotes()
    {
        var text = Write(w => w.Family("m", MetricType.Counter, "a \"quoted\" C:\\path\nsecond line"));

        Assert.Equal("# HELP m a \"quoted\" C:\\\\path\\nsecond line\n# TYPE m counter\n", text);
    }

    [Fact]
    public void NonAsciiLabelValuesAreWrittenAsUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>();
        new ExpositionWriter(buffer).Sample("m", 2, new Label("check", "börse-東京"));

        Assert.Equal("m{check=\"börse-東京\"} 2\n"u8.ToArray(), buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.0025, "0.0025")]
    [InlineData(1795315735.634, "1795315735.634")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void ValuesAreShortestRoundTripWithPrometheusSpecials(double value, string expected)
    {
        Assert.Equal($"m {expected}\n", Write(w => w.Sample("m", value)));
        Assert.Equal(expected, ExpositionWriter.FormatValue(value));
    }

    [Fact]
    public void AHistogramWritesCumulativeBucketsThenInfSumAndCount()
    {
        var histogram = new Histogram([0.01, 0.1, 1]);
        foreach (var value in new[] { 0.003, 0.01, 0.2, 100 })
        {
            histogram.Observe(value);
        }

        var text = Write(w =>
        {
            w.Family("d_seconds", MetricType.Histogram, "Wall time.");
            histogram.Write(w, "d_seconds", new Label("mode", "live"));
        });

        Assert.Equal(
            "# HELP d_seconds Wall time.\n# TYPE d_seconds histogram\n" +
            "d_seconds_bucket{mode=\"live\",le=\"0.01\"} 2\n" +
            "d_seconds_bucket{mode=\"live\",le=\"0.1\"} 2\n" +
            "d_seconds_bucket{mode=\"live\",le=\"1\"} 3\n" +
            "d_seconds_bucket{mode=\"live\",le=\"+Inf\"} 4\n" +
            "d_seconds_sum{mode=\"live\"} 100.213\n" +
            "d_seconds_count{mode=\"live\"} 4\n",
            text);
    }

    [Fact]
    public void AnEmptyHistogramStillWritesEveryBucketAtZero()
    {
        var text = Write(w => new Histogram([0.5]).Write(w, "d"));

        Assert.Equal("d_bucket{le=\"0.5\"} 0\nd_bucket{le=\"+Inf\"} 0\nd_sum 0\nd_count 0\n", text);
    }

    [Fact]
    public void HistogramBoundsMustIncrease()
    {
        Assert.Throws<ArgumentException>(() => new Histogram([1, 0.5]));
        Assert.Throws<ArgumentException>(() => new Histogram([1, double.PositiveInfinity]));
    }

    [Fact]
    public void TheDurationBucketsSpanAMillisecondToAMinute()
    {
        Assert.Equal(0.001, Histogram.DurationBuckets[0]);
        Assert.Equal(60, Histogram.DurationBuckets[^1]);
    }

    private static string Write(Action<ExpositionWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new ExpositionWriter(buffer));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
