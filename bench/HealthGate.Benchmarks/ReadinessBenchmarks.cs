using BenchmarkDotNet.Attributes;
using HealthChecks.UI.Client;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Health;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Benchmarks;

/// <summary>
/// One <c>/health/ready</c> answer written into an <see cref="HttpContext"/> whose body is <see cref="Stream.Null"/>:
/// the service's way (the bytes HealthChecks UI's writer produced at the background run), against calling that
/// writer on every probe, and the baseline of running the eight readiness checks for every probe.
/// </summary>
[MemoryDiagnoser]
public class ReadinessBenchmarks
{
    private const int Checks = 8;
    private static readonly HashSet<CheckTier> ReadinessTiers = [CheckTier.P0];
    private ServiceProvider _services = null!;
    private CheckRunner _runner = null!;
    private ReadinessState _state = null!;
    private IOptions<ReadinessOptions> _options = null!;
    private TimeProvider _answeredAt = null!;
    private TimeSpan _maxAge;
    private DefaultHttpContext _context = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchServices.Create(BenchServices.InstantChecks(Checks), services => services.AddHealthGateReadiness());
        _runner = _services.GetRequiredService<CheckRunner>();
        _state = _services.GetRequiredService<ReadinessState>();
        _options = _services.GetRequiredService<IOptions<ReadinessOptions>>();
        _maxAge = _options.Value.MaxAge;
        _context = new DefaultHttpContext { Response = { Body = Stream.Null } };

        // What ReadinessPublisher does every period.
        var run = _runner.RunAsync(ReadinessTiers, CancellationToken.None).GetAwaiter().GetResult();
        _state.PublishAsync(run).GetAwaiter().GetResult();

        // Pinned within MaxAge: the publisher keeps the run fresh in service, but a benchmark outlives 30 s.
        _answeredAt = new PinnedTime(run.StartedAt.AddSeconds(1));
        if (ReadinessReport.From(run, _answeredAt.GetUtcNow(), _maxAge).Entries.ContainsKey(ReadinessReport.PublisherEntry))
        {
            throw new InvalidOperationException("the cached run would be answered as stale; the benchmark would measure the wrong path");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<int> RunChecksPerProbe()
    {
        var run = await _runner.RunAsync(ReadinessTiers, CancellationToken.None);
        var body = await ReadinessBody.WriteAsync(ReadinessReport.From(run, run.StartedAt, _maxAge));
        await body.ExecuteAsync(_context);
        return body.Utf8.Length;
    }

    [Benchmark]
    public async Task<int> WriteUIResponsePerProbe()
    {
        var report = ReadinessReport.From(_state.Latest, _answeredAt.GetUtcNow(), _maxAge);
        _context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        await UIResponseWriter.WriteHealthCheckUIResponseNoExceptionDetails(_context, report);
        return report.Entries.Count;
    }

    [Benchmark]
    public async Task<int> AnswerFromCachedBytes()
    {
        var body = await HealthApi.Ready(_state, _options, _answeredAt);
        await body.ExecuteAsync(_context);
        return body.Utf8.Length;
    }
}
