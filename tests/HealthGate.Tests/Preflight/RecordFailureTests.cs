using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Runs;
using HealthGate.Storage;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Preflight;

/// <summary>
/// No record, no GO, in-process: a run the store does not take is answered, told to every observer and counted as its
/// P0_FAIL record_failed replacement, never as the run the store lost; the whole answered run is in the log.
/// </summary>
public sealed class RecordFailureTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task APassTheStoreRefusesIsAnsweredToldAndCountedAsP0FailRecordFailed()
    {
        var store = new BrokenStore { RefuseRuns = true };
        var heard = new ConcurrentQueue<PreflightRun>();
        var logs = new CapturingLoggerProvider();
        await using var app = new HealthGateApplication(HealthGateApplication.Flatten([("Storage:WriteTimeoutMs", 1000)]))
        {
            ExtraServices = s =>
            {
                s.AddSingleton<IGateStore>(store);
                s.AddSingleton<IRunObserver>(new HearingObserver(heard));
            },
        };
        await using var logged = app.CapturingLogs(logs);
        using var client = logged.CreateClient();

        var response = await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var series = Exposition.Parse(await Exposition.ScrapeAsync(client));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("P0_FAIL", answer.GetProperty("verdict").GetString());
        var runId = answer.GetProperty("runId").GetString();
        var told = Assert.Single(heard);
        Assert.Equal(runId, told.RunId);
        Assert.Equal(Verdict.P0Fail, told.Verdict);
        Assert.DoesNotContain(runId, store.Attempted);
        Assert.Equal(1, series.Value("healthgate_preflight_runs_total", ("mode", "paper"), ("verdict", "P0_FAIL")));
        Assert.Equal(0, series.Value("healthgate_preflight_runs_total", ("mode", "paper"), ("verdict", "PASS")));
        Assert.Equal(1, series.Value("healthgate_preflight_exit_code", ("mode", "paper")));

        // The gate entry is no check: it gets no check gauge that would stay at 0 once the store is back.
        Assert.DoesNotContain(series, s => s.Name == "healthgate_check_status" && s.Labels.GetValueOrDefault("check") == GateEntry.Record);
        var logEvent = Assert.Single(logs.WithEventId(4002));
        Assert.Equal(runId, logEvent["AnsweredRunId"]);
        Assert.Equal(store.Attempted.Single(), logEvent["RunId"]);
        Assert.Equal("PASS", logEvent["ChecksVerdict"]);
        Assert.Contains(runId!, logEvent["Run"], StringComparison.Ordinal);
        Assert.Contains(Reasons.RecordFailed, logEvent["Run"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANoGoWhoseOperationalLogEntryCannotBeWrittenIsAnsweredP0FailNamingTheLog()
    {
        _standIn.Respond("/record-feed", 503, "{}");
        var store = new BrokenStore { RefuseEntries = true };
        var logs = new CapturingLoggerProvider();
        await using var app = HealthGateApplication.With([.. Check("feed", "http", "P1", ("Url", _standIn.Url("/record-feed")))]);
        await using var logged = app.CapturingLogs(logs).WithServices(s => s.AddSingleton<IGateStore>(store));
        using var client = logged.CreateClient();

        var response = await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("P0_FAIL", answer.GetProperty("verdict").GetString());
        var checks = answer.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal("Unhealthy", checks["feed"].GetProperty("status").GetString());
        var entry = checks[GateEntry.Record];
        Assert.Equal(UnrecordedRun.OpLogEntry, entry.GetProperty("data").GetProperty("failed").GetString());
        Assert.Equal("P1_FAIL", entry.GetProperty("data").GetProperty("checksVerdict").GetString());
        Assert.Contains("operational log", entry.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Single(logs.WithEventId(4003));
        Assert.Empty(logs.WithEventId(4002));
    }

    private sealed class HearingObserver(ConcurrentQueue<PreflightRun> heard) : IRunObserver
    {
        public Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken)
        {
            if (run.Preflight is { } preflight)
            {
                heard.Enqueue(preflight);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>A store that keeps runs in memory and refuses the writes a test names.</summary>
    private sealed class BrokenStore : IGateStore
    {
        private readonly ConcurrentDictionary<string, PreflightRun> _runs = new();

        public bool RefuseRuns { get; init; }

        public bool RefuseEntries { get; init; }

        public ConcurrentQueue<string> Attempted { get; } = new();

        public Task EnsureSchemaAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SaveRunAsync(PreflightRun run, CancellationToken cancellationToken)
        {
            Attempted.Enqueue(run.RunId);
            if (RefuseRuns)
            {
                throw new IOException("database or disk is full");
            }

            _runs[run.RunId] = run;
            return Task.CompletedTask;
        }

        public Task<PreflightRun?> FindRunAsync(string runId, CancellationToken cancellationToken) => Task.FromResult(_runs.GetValueOrDefault(runId));

        public Task<IReadOnlyList<PreflightRun>> ListRunsAsync(string? mode, int limit, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<PreflightRun>>([.. _runs.Values]);

        public Task<IReadOnlyList<PreflightRun>> ListRunsBeforeAsync(string? mode, PreflightRun before, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<PreflightRun>>([]);

        public Task<int> PruneRunsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task<OpLogRecord> AppendAsync(OpLogRecord entry, CancellationToken cancellationToken) =>
            RefuseEntries ? throw new IOException("disk I/O error") : Task.FromResult(entry with { Seq = 1 });

        public Task<IReadOnlyList<OpLogRecord>> ReadEntriesAsync(OpLogQuery query, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<OpLogRecord>>([]);

        // The preflight path never touches overrides: these would fail a test that reached them.
        public Task<(OverrideRecord Override, OpLogRecord Entry)> CreateOverrideAsync(OverrideRecord draft, OpLogRecord entry, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<OverrideRecord?> FindOverrideAsync(long id, CancellationToken cancellationToken) => Task.FromResult<OverrideRecord?>(null);

        public Task<IReadOnlyList<OverrideRecord>> ListOverridesAsync(string? state, long? beforeId, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OverrideRecord>>([]);

        public Task<IReadOnlyList<OverrideRecord>> ListExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OverrideRecord>>([]);

        public Task<TResult> ChangeOverrideAsync<TResult>(long id, Func<OverrideRecord?, OverrideChange<TResult>> decide, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<(AcknowledgementRecord Acknowledgement, OpLogRecord Entry)> CreateAcknowledgementAsync(AcknowledgementRecord draft, OpLogRecord entry, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<AcknowledgementRecord?> FindAcknowledgementAsync(long id, CancellationToken cancellationToken) => Task.FromResult<AcknowledgementRecord?>(null);

        public Task<IReadOnlyList<AcknowledgementRecord>> ListCurrentAcknowledgementsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<AcknowledgementRecord>>([]);

        public Task ProbeWriteAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
