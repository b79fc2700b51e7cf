using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using HealthGate.Checks;
using HealthGate.Health;
using HealthGate.Metrics;
using HealthGate.Preflight;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Benchmarks;

/// <summary>
/// One <c>/metrics</c> scrape: <see cref="GateMetrics.WriteAsync"/> into a pipe over <see cref="Stream.Null"/>, as the
/// endpoint writes into the response body, against the baseline of writing the same lines, formatted in advance,
/// into the same pipe. Allocated = what the service allocates per scrape.
/// </summary>
[MemoryDiagnoser]
public class MetricsBenchmarks
{
    private static readonly HashSet<CheckTier> P0 = [CheckTier.P0];
    private readonly PipeWriter _sink = PipeWriter.Create(Stream.Null, new StreamPipeWriterOptions(leaveOpen: true));
    private ServiceProvider _services = null!;
    private GateMetrics _metrics = null!;
    private byte[][] _lines = [];

    [Params(8, 200)]
    public int Checks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchServices.Create(BenchServices.InstantChecks(Checks), services =>
            services.AddHealthGateReadiness().AddHealthGatePreflight().AddHealthGateMetrics());
        _metrics = _services.GetRequiredService<GateMetrics>();

        // Fill every series as the service would: a readiness run (check gauges, healthgate_ready) and a preflight.
        var run = _services.GetRequiredService<CheckRunner>().RunAsync(P0, CancellationToken.None).GetAwaiter().GetResult();
        _services.GetRequiredService<ReadinessState>().Publish(run);
        _metrics.OnCheckRunCompleted(run);
        _services.GetRequiredService<PreflightService>().RunAsync("live", P0).GetAwaiter().GetResult();

        _lines = RenderedLines();
        Console.WriteLine($"// {Checks} checks: the exposition is {_lines.Length} lines, {_lines.Sum(l => l.Length)} bytes");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sink.Complete();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task WritePreformattedLines()
    {
        foreach (var line in _lines)
        {
            _sink.Write(line);
        }

        await _sink.FlushAsync();
    }

    [Benchmark]
    public Task RenderExposition() => _metrics.WriteAsync(_sink, CancellationToken.None);

    /// <summary>The exposition as the service renders it now, split after each newline.</summary>
    private byte[][] RenderedLines()
    {
        using var buffer = new MemoryStream();
        var writer = PipeWriter.Create(buffer, new StreamPipeWriterOptions(leaveOpen: true));
        _metrics.WriteAsync(writer, CancellationToken.None).GetAwaiter().GetResult();
        writer.Complete();
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
