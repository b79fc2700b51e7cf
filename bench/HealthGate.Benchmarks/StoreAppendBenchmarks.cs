using BenchmarkDotNet.Attributes;
using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Benchmarks;

/// <summary>
/// The cost of durability: one operational-log append and one saved preflight run through the service's
/// <see cref="SqliteGateStore"/> (WAL, <c>synchronous=FULL</c>), against the same statements on the same schema
/// with <c>synchronous=NORMAL</c>. Files live in a temporary directory on the same disk as /tmp.
/// </summary>
[MemoryDiagnoser]
public class StoreAppendBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"healthgate-bench-store-{Guid.NewGuid():N}");
    private SqliteGateStore _durable = null!;
    private SqliteGateStore _normal = null!;
    private PreflightRun _run = null!;
    private OpLogRecord _entry = null!;

    [GlobalSetup]
    public void Setup()
    {
        _durable = new SqliteGateStore($"Data Source={Path.Combine(_directory, "full.db")}", TimeProvider.System);
        _normal = SqliteGateStore.WithoutCommitFsync($"Data Source={Path.Combine(_directory, "normal.db")}", TimeProvider.System);
        _durable.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        _normal.EnsureSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
        _run = SampleRun();
        _entry = RunOpLog.FailureEntry(_run);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task<long> AppendSynchronousNormal() => (await _normal.AppendAsync(_entry, CancellationToken.None)).Seq;

    [Benchmark]
    public async Task<long> AppendSynchronousFull() => (await _durable.AppendAsync(_entry, CancellationToken.None)).Seq;

    [Benchmark]
    public Task SaveRunSynchronousNormal() => _normal.SaveRunAsync(_run with { RunId = RunId.New(DateTimeOffset.UtcNow) }, CancellationToken.None);

    [Benchmark]
    public Task SaveRunSynchronousFull() => _durable.SaveRunAsync(_run with { RunId = RunId.New(DateTimeOffset.UtcNow) }, CancellationToken.None);

    /// <summary>A no-go live run of eight checks, one of them Unhealthy with data, as a preflight records it.</summary>
    private static PreflightRun SampleRun()
    {
        var checks = Enumerable.Range(0, 8).Select(i => i == 7
            ? new CheckResult("postgres-orders", "postgres", CheckTier.P0, HealthStatus.Unhealthy, 2000, Reasons.Timeout, "no answer within 2000 ms", new Dictionary<string, object> { ["host"] = "db:5432" })
            : new CheckResult($"http-{i}", "http", CheckTier.P1, HealthStatus.Healthy, 12.5, Reasons.Ok, "200 OK", new Dictionary<string, object> { ["statusCode"] = 200 }));
        var checkRun = new CheckRun(DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(2003), [.. checks]);
        return PreflightRun.From(RunId.New(checkRun.StartedAt), "live", checkRun) with
        {
            ExpiresAt = checkRun.StartedAt.AddSeconds(60),
            ConfigHash = "0123456789abcdef",
        };
    }
}
