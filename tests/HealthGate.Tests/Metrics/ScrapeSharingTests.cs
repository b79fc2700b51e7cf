using HealthGate.Metrics;
using Prometheus;

namespace HealthGate.Tests.Metrics;

/// <summary>Concurrent scrapers share the render in flight; a scrape after it completed renders afresh.</summary>
public sealed class ScrapeSharingTests
{
    [Fact]
    public async Task ScrapersArrivingDuringARenderShareItAndALaterScrapeRendersAgain()
    {
        var registry = global::Prometheus.Metrics.NewCustomRegistry();
        var gauge = global::Prometheus.Metrics.WithCustomRegistry(registry).CreateGauge("sharing_test_value", "A value the test moves.");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var renders = 0;
        registry.AddBeforeCollectCallback(async _ =>
        {
            Interlocked.Increment(ref renders);
            await release.Task;
        });
        var exporter = new MetricsExporter(registry, []);

        gauge.Set(1);
        var first = exporter.RenderAsync();
        var second = exporter.RenderAsync();
        Assert.Same(first, second);
        release.SetResult();
        var shared = Text(await first);
        Assert.Contains("sharing_test_value 1", shared, StringComparison.Ordinal);
        Assert.Equal(1, renders);

        gauge.Set(2);
        var later = Text(await exporter.RenderAsync());
        Assert.Contains("sharing_test_value 2", later, StringComparison.Ordinal);
        Assert.Equal(2, renders);
    }

    [Fact]
    public void StatmFieldsAreVirtualAndResidentPagesTimesThePageSize()
    {
        Assert.True(ProcStatm.TryParse("13285 3290 2176 1 0 1430 0\n", 4096, out var virtualBytes, out var residentBytes));
        Assert.Equal(13285L * 4096, virtualBytes);
        Assert.Equal(3290L * 4096, residentBytes);
        Assert.False(ProcStatm.TryParse("", 4096, out _, out _));
        Assert.False(ProcStatm.TryParse("12 x 3", 4096, out _, out _));
        Assert.False(ProcStatm.TryParse("-12 5", 4096, out _, out _));
    }

    private static string Text(ReadOnlyMemory<byte> utf8) => System.Text.Encoding.UTF8.GetString(utf8.Span);
}
