using System.Collections.Concurrent;
using System.Net;
using HealthGate.Overrides;
using HealthGate.Runs;
using HealthGate.Storage;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>What happens around the append: observers, store failures, and reading the log back.</summary>
public sealed class OverrideRecordingTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task ObserversAreToldOfAcceptedOverridesOnly()
    {
        var observer = new RecordingObserver();
        await using var gate = WithKey(_standIn, s => s.AddSingleton<IOverrideObserver>(observer));
        var p0 = await gate.RunAsync("P0_FAIL");
        var p1 = await gate.RunAsync("P1_FAIL");

        await gate.PostAsync(Live("force_start", p0, "anna", "bert"));
        var accepted = await gate.PostAsync(Live("force_start", p1, "anna", "bert"));

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var told = Assert.Single(observer.Entries);
        Assert.Equal(p1, told.RunId);
        Assert.True(told.Id > 0);
    }

    [Fact]
    public async Task AThrowingObserverDoesNotUndoTheRecord()
    {
        await using var gate = WithKey(_standIn, s => s.AddSingleton<IOverrideObserver>(new ThrowingObserver()));

        var response = await gate.PostAsync(Live("skip_health_check", null, "anna", "bert"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (await gate.GetJsonAsync("/overrides")).GetArrayLength());
    }

    [Fact]
    public async Task AStoreFailureIs503AndNothingIsAcknowledged()
    {
        await using var gate = WithKey(_standIn, s => s.AddSingleton<IGateStore, UnwritableStore>());

        var problem = await IsProblemAsync(await gate.PostAsync(Live("skip_health_check", null, "anna", "bert")), HttpStatusCode.ServiceUnavailable);

        Assert.Contains("NOT recorded", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverridesAreListedNewestFirstWithinTheLimit()
    {
        await using var gate = WithKey(_standIn);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await gate.PostAsync(Live("skip_health_check", null, "anna", "bert"))).StatusCode);
        }

        var all = await gate.GetJsonAsync("/overrides");
        var two = await gate.GetJsonAsync("/overrides?limit=2");

        var ids = all.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(ids.Take(2), two.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("501")]
    [InlineData("-1")]
    [InlineData("ten")]
    public async Task ABadLimitIs400(string limit)
    {
        await using var gate = WithKey(_standIn);

        await IsProblemAsync(await gate.Client.GetAsync(new Uri($"/overrides?limit={limit}", UriKind.Relative)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownOverrideIs404()
    {
        await using var gate = WithKey(_standIn);

        await IsProblemAsync(await gate.Client.GetAsync(new Uri("/overrides/999", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    private sealed class RecordingObserver : IOverrideObserver
    {
        public ConcurrentQueue<OpLogEntry> Entries { get; } = new();

        public Task OnOverrideRecordedAsync(OpLogEntry entry, CancellationToken cancellationToken)
        {
            Entries.Enqueue(entry);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : IOverrideObserver
    {
        public Task OnOverrideRecordedAsync(OpLogEntry entry, CancellationToken cancellationToken) => throw new InvalidOperationException("metrics are down");
    }

    /// <summary>A store whose disk is gone: reads find nothing, writes fail.</summary>
    private sealed class UnwritableStore : IGateStore
    {
        public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SaveRunAsync(PreflightRun run, CancellationToken cancellationToken) => throw new IOException("disk I/O error");

        public Task<PreflightRun?> FindRunAsync(string runId, CancellationToken cancellationToken) => Task.FromResult<PreflightRun?>(null);

        public Task<IReadOnlyList<PreflightRun>> ListRunsAsync(string? mode, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PreflightRun>>([]);

        public Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task<OpLogEntry> AppendAsync(OpLogEntry entry, CancellationToken cancellationToken) => throw new IOException("disk I/O error");

        public Task<OpLogEntry?> FindEntryAsync(long id, CancellationToken cancellationToken) => Task.FromResult<OpLogEntry?>(null);

        public Task<IReadOnlyList<OpLogEntry>> ListEntriesAsync(IReadOnlyCollection<string> kinds, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<OpLogEntry>>([]);

        public Task ProbeWriteAsync(CancellationToken cancellationToken) => throw new IOException("disk I/O error");
    }
}
