using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HealthGate.Checks;
using HealthGate.Health;
using HealthGate.Metrics;
using HealthGate.Overrides;
using HealthGate.Preflight;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace HealthGate.Benchmarks;

/// <summary>
/// One <c>/metrics</c> scrape: <see cref="MetricsExporter.ExportAsync"/> (prometheus-net collecting the service's
/// registry) into <see cref="Stream.Null"/>, as the endpoint writes into the response body, against the baseline of
/// writing the same lines, formatted in advance, into a pipe over the same stream. Allocated = what the service
/// allocates per scrape. The CheckSeries category isolates the check gauges (2N + 4 lines) of
/// <see cref="CheckMetrics"/> on a registry of their own, without the process and runtime section.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class MetricsBenchmarks
{
    private const string Scrape = "Scrape";
    private const string CheckSeries = "CheckSeries";
    private static readonly HashSet<CheckTier> P0 = [CheckTier.P0];
    private readonly PipeWriter _sink = PipeWriter.Create(Stream.Null, new StreamPipeWriterOptions(leaveOpen: true));
    private ServiceProvider _services = null!;
    private MetricsExporter _exporter = null!;
    private CollectorRegistry _checkRegistry = null!;
    private byte[][] _lines = [];
    private byte[][] _checkLines = [];

    [Params(8, 200)]
    public int Checks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchServices.Create(BenchServices.InstantChecks(Checks), services =>
            services.AddHealthGateReadiness().AddHealthGatePreflight().AddHealthGateOverrides().AddHealthGateMetrics());
        _exporter = _services.GetRequiredService<MetricsExporter>();

        // Fill every series as the service would: a readiness run (check gauges, healthgate_ready) and a preflight.
        var run = _services.GetRequiredService<CheckRunner>().RunAsync(P0, CancellationToken.None).GetAwaiter().GetResult();
        _services.GetRequiredService<ReadinessState>().PublishAsync(run).GetAwaiter().GetResult();
        _services.GetRequiredService<CheckMetrics>().Update(run.Checks);
        _services.GetRequiredService<PreflightService>().RunAsync("live", P0).GetAwaiter().GetResult();

        // The check gauges alone, on a registry of their own.
        _checkRegistry = Prometheus.Metrics.NewCustomRegistry();
        new CheckMetrics(_services.GetRequiredService<GateChecks>(), Prometheus.Metrics.WithCustomRegistry(_checkRegistry)).Update(run.Checks);

        _lines = Lines(output => _exporter.ExportAsync(output, CancellationToken.None));
        _checkLines = Lines(output => _checkRegistry.CollectAndExportAsTextAsync(output));
        Console.WriteLine($"// {Checks} checks: the exposition is {_lines.Length} lines, {_lines.Sum(l => l.Length)} bytes; the check series {_checkLines.Length} lines");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sink.Complete();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(Scrape)]
    public Task WritePreformattedLines() => WriteLinesAsync(_lines);

    [Benchmark]
    [BenchmarkCategory(Scrape)]
    public Task RenderExposition() => _exporter.ExportAsync(Stream.Null, CancellationToken.None);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory(CheckSeries)]
    public Task WritePreformattedCheckLines() => WriteLinesAsync(_checkLines);

    [Benchmark]
    [BenchmarkCategory(CheckSeries)]
    public Task RenderCheckSeries() => _checkRegistry.CollectAndExportAsTextAsync(Stream.Null);

    private async Task WriteLinesAsync(byte[][] lines)
    {
        foreach (var line in lines)
        {
            _sink.Write(line);
        }

        await _sink.FlushAsync();
    }

    /// <summary>What <paramref name="render"/> writes, split after each newline.</summary>
    private static byte[][] Lines(Func<Stream, Task> render)
    {
        using var buffer = new MemoryStream();
        render(buffer).GetAwaiter().GetResult();
        var bytes = buffer.ToArray();
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lines.Add(bytes[start..(i + 1)]);
                start = i + 1;
            }
        }

        return [.. lines];
    }
}
