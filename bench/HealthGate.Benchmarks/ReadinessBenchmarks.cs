using System.IO.Pipelines;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HealthGate.Benchmarks;

/// <summary>
/// One <c>/health/ready</c> answer: the service's way, from the background run in <see cref="ReadinessState"/>,
/// against the baseline of running the eight readiness checks for every probe. Both build the same
/// <see cref="ReadinessResponse"/> and serialize it with the service's JSON options into the same sink.
/// </summary>
[MemoryDiagnoser]
public class ReadinessBenchmarks
{
    private const int Checks = 8;
    private static readonly HashSet<CheckTier> ReadinessTiers = [CheckTier.P0];
    private readonly PipeWriter _sink = PipeWriter.Create(Stream.Null, new StreamPipeWriterOptions(leaveOpen: true));
    private ServiceProvider _services = null!;
    private CheckRunner _runner = null!;
    private ReadinessState _state = null!;
    private JsonSerializerOptions _json = null!;
    private TimeProvider _time = null!;
    private TimeSpan _maxAge;
    private DateTimeOffset _cachedRunAnsweredAt;

    [GlobalSetup]
    public void Setup()
    {
        _services = BenchServices.Create(BenchServices.InstantChecks(Checks), services => services.AddHealthGateReadiness());
        _runner = _services.GetRequiredService<CheckRunner>();
        _state = _services.GetRequiredService<ReadinessState>();
        _json = _services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        _time = _services.GetRequiredService<TimeProvider>();
        _maxAge = _services.GetRequiredService<IOptions<ReadinessOptions>>().Value.MaxAge;

        // What ReadinessPublisher does every period.
        var run = _runner.RunAsync(ReadinessTiers, CancellationToken.None).GetAwaiter().GetResult();
        _state.Publish(run);

        // Pinned within MaxAge: the publisher keeps the run fresh in service, but a benchmark outlives 30 s.
        _cachedRunAnsweredAt = run.StartedAt.AddSeconds(1);
        if (ReadinessResponse.From(run, _cachedRunAnsweredAt, _maxAge).Entries.ContainsKey(ReadinessResponse.PublisherEntry))
        {
            throw new InvalidOperationException("the cached run would be answered as stale; the benchmark would measure the wrong path");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sink.Complete();
        _services.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> RunChecksPerProbe()
    {
        var run = await _runner.RunAsync(ReadinessTiers, CancellationToken.None);
        var response = ReadinessResponse.From(run, _time.GetUtcNow(), _maxAge);
        await JsonSerializer.SerializeAsync(_sink, response, _json);
        return response.Entries.Count;
    }

    [Benchmark]
    public async Task<int> AnswerFromCachedRun()
    {
        var response = ReadinessResponse.From(_state.Latest, _cachedRunAnsweredAt, _maxAge);
        await JsonSerializer.SerializeAsync(_sink, response, _json);
        return response.Entries.Count;
    }
}
