using System.Net;
using System.Text.Json;
using HealthGate.Checks;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// No record, no GO (docs/fail-closed.md §14), and the gate stays reachable while what it guards is down (§16), against
/// the real service process with its store broken for real: SQLite on a full tmpfs, PostgreSQL stopped or paused
/// mid-run. A run the store does not take is answered P0_FAIL with the gate entry <c>record_failed</c>, the CLI exits 1,
/// the run is in the log whole, and <c>/health/self</c> is 503 until the store writes again.
/// </summary>
public sealed class FailClosedStoreTests(StoreDesks desks) : IClassFixture<StoreDesks>
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(60);

    private static readonly string[] CheckFields = ["name", "type", "tier", "status", "reason", "description"];

    /// <summary>Rows on the PostgreSQL desk: the fault, the mode asked, and whether the P1 feed fails too (a NO-GO the store cannot record).</summary>
    private static readonly Dictionary<string, (PostgresFault Fault, string Mode, bool FeedFails)> PostgresRows = new()
    {
        ["14/postgres-stopped-paper-pass"] = (PostgresFault.Stopped, "paper", false),
        ["14/postgres-stopped-live-p1-fail"] = (PostgresFault.Stopped, "live", true),
        ["14/postgres-paused-paper-pass"] = (PostgresFault.Paused, "paper", false),
        ["14/postgres-paused-live-pass"] = (PostgresFault.Paused, "live", false),
    };

    /// <summary>Rows on the SQLite desk, whose filesystem is filled to ENOSPC: the mode asked, and whether the P1 feed fails too.</summary>
    private static readonly Dictionary<string, (string Mode, bool FeedFails)> FullDiskRows = new()
    {
        ["14/sqlite-full-paper-pass"] = ("paper", false),
        ["14/sqlite-full-live-pass"] = ("live", false),
        ["14/sqlite-full-live-p1-fail"] = ("live", true),
    };

    public enum PostgresFault
    {
        /// <summary>A fast shutdown: connections refused.</summary>
        Stopped,

        /// <summary>SIGSTOP: connections open, nothing answered; only the write timeout ends the wait.</summary>
        Paused,
    }

    public static TheoryData<string> PostgresCases => [.. PostgresRows.Keys];

    public static TheoryData<string> FullDiskCases => [.. FullDiskRows.Keys];

    [Theory]
    [MemberData(nameof(PostgresCases))]
    public async Task APostgresStoreThatStopsOrHangsMidRunTurnsEveryRunIntoARecordFailedNoGoUntilItWritesAgain(string row)
    {
        var (fault, mode, feedFails) = PostgresRows[row];
        var desk = await desks.PostgresAsync();

        await NoRecordNoGoAsync(
            desk,
            mode,
            feedFails,
            breakStore: () => fault == PostgresFault.Stopped ? desks.Postgres.StopAsync() : desks.Postgres.PauseAsync(),
            restoreStore: () => fault == PostgresFault.Stopped ? desks.Postgres.StartAsync() : desks.Postgres.ResumeAsync());
    }

    [TmpfsTheory]
    [MemberData(nameof(FullDiskCases))]
    public async Task ASqliteStoreOnAFullFilesystemTurnsEveryRunIntoARecordFailedNoGoUntilThereIsRoomAgain(string row)
    {
        var (mode, feedFails) = FullDiskRows[row];
        var desk = await desks.SqliteOnTmpfsAsync();

        await NoRecordNoGoAsync(
            desk,
            mode,
            feedFails,
            breakStore: desks.Tmpfs!.FillAsync,
            restoreStore: () =>
            {
                desks.Tmpfs!.Free();
                return Task.CompletedTask;
            });
    }

    [Fact]
    public async Task WithTheDesksP0DependencyDownTheGateStaysReadyAndNamesTheFailingCheck()
    {
        // §16: /health/ready reports the desk's P0 dependencies; the gate's own readiness does not follow them.
        var desk = await desks.PostgresAsync();
        desk.SetHealthy();
        await desk.WaitForSelfAsync(200, Recovery);
        desk.SetRisk(healthy: false);
        try
        {
            await ProcessRunner.WaitUntilAsync(async () => await desk.StatusOfAsync("/health/ready") == HttpStatusCode.ServiceUnavailable, Recovery, "/health/ready answering 503 with the risk check failing");

            var (selfStatus, self) = await desk.SelfAsync();
            var (answer, _) = await desk.PreflightAsync("paper");
            var (exitCode, output) = await desk.LaunchAsync("paper");

            Assert.True(selfStatus == 200, self.GetRawText());
            Assert.All(self.GetProperty("conditions").EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
            answer.AssertNoGo("P0_FAIL");
            Assert.Equal(Reasons.UnexpectedStatus, answer.Check("risk").GetProperty("reason").GetString());
            Assert.Equal(1, exitCode);
            Assert.Contains("risk", output, StringComparison.Ordinal);
            Assert.DoesNotContain("unreachable", output, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(HttpStatusCode.OK, await desk.StatusOfAsync("/metrics"));
            Assert.Equal(HttpStatusCode.OK, await desk.StatusOfAsync("/ui"));
        }
        finally
        {
            desk.SetHealthy();
        }
    }

    private static async Task NoRecordNoGoAsync(StoreDesk desk, string mode, bool feedFails, Func<Task> breakStore, Func<Task> restoreStore)
    {
        // The desk is GO and its store takes writes first, so the NO-GO below is the store's doing.
        desk.SetHealthy();
        await desk.WaitForSelfAsync(200, Recovery);
        (await desk.PreflightAsync(mode)).Answer.AssertPass();
        if (feedFails)
        {
            desk.SetFeed(healthy: false);
        }

        PreflightAnswer answer;
        try
        {
            // Inside the try: a store half broken (a stop that did not finish) is restored before the next row runs.
            await breakStore();
            (answer, var waited) = await desk.PreflightAsync(mode);

            AssertRecordFailed(answer, feedFails ? "P1_FAIL" : "PASS");
            // A real bound on purpose: a launcher must not be held by a real store that does not answer (the service is a process).
            Assert.True(waited < TimeSpan.FromMilliseconds(StoreDesk.WriteTimeoutMs) + TimeSpan.FromSeconds(10), $"the launcher waited {waited.TotalSeconds:F1} s on a store that does not answer");
            await AssertLoggedWholeAsync(desk, answer);

            var (exitCode, output) = await desk.LaunchAsync(mode);
            Assert.True(exitCode == 1, $"the CLI exited {exitCode} with the store down:\n{output}");

            var self = await desk.WaitForSelfAsync(503, TimeSpan.FromSeconds(30));
            var store = self.GetProperty("conditions").GetProperty("store");
            Assert.Equal("Unhealthy", store.GetProperty("status").GetString());
            if (desk.IsPostgres)
            {
                // On PostgreSQL the prober is the replica that proves its lead in the store (issue 18): with the store
                // gone nobody can, nobody probes, and readiness fails closed on every replica instead of going stale.
                await ProcessRunner.WaitUntilAsync(
                    async () => await desk.StatusOfAsync("/health/ready") == HttpStatusCode.ServiceUnavailable,
                    TimeSpan.FromSeconds(30),
                    "/health/ready 503 once no replica can prove its lead");
            }
            else
            {
                Assert.Equal("Healthy", self.GetProperty("conditions").GetProperty("readiness-loop").GetProperty("status").GetString());

                // Readiness reports the desk's dependencies, not the gate's store: SQLite's one process always probes.
                Assert.Equal(HttpStatusCode.OK, await desk.StatusOfAsync("/health/ready"));
            }
        }
        finally
        {
            await restoreStore();
            desk.SetHealthy();
        }

        await desk.WaitForSelfAsync(200, Recovery);
        var (after, _) = await desk.PreflightAsync(mode);
        after.AssertPass();
        var (storedStatus, stored) = await desk.GetJsonAsync($"/preflight/runs/{after.RunId}");
        Assert.Equal(200, storedStatus);
        Assert.Equal("PASS", stored.GetProperty("verdict").GetString());

        // The id a launcher was given for the unrecorded run is never found later, least of all as a PASS.
        var (unrecordedStatus, _) = await desk.GetJsonAsync($"/preflight/runs/{answer.RunId}");
        Assert.Equal(404, unrecordedStatus);
    }

    private static void AssertRecordFailed(PreflightAnswer answer, string checksVerdict)
    {
        answer.AssertNoGo("P0_FAIL");
        Assert.Equal(1, answer.Json.GetProperty("exitCode").GetInt32());
        var entry = answer.Check(GateEntry.Record);
        Assert.Equal(GateEntry.Type, entry.GetProperty("type").GetString());
        Assert.Equal("P0", entry.GetProperty("tier").GetString());
        Assert.Equal("Unhealthy", entry.GetProperty("status").GetString());
        Assert.Equal(Reasons.RecordFailed, entry.GetProperty("reason").GetString());
        Assert.Equal(checksVerdict, entry.GetProperty("data").GetProperty("checksVerdict").GetString());
        Assert.NotEqual(answer.RunId, entry.GetProperty("data").GetProperty("attemptedRunId").GetString());
        if (checksVerdict == "P1_FAIL")
        {
            Assert.Equal("Unhealthy", answer.Check("feed").GetProperty("status").GetString());
        }

        // The verdict follows from the checks: the summary counts the gate entry like any other.
        var checks = answer.Json.GetProperty("checks").EnumerateArray().ToList();
        var summary = answer.Json.GetProperty("summary");
        Assert.Equal(checks.Count, summary.GetProperty("total").GetInt32());
        Assert.Equal(checks.Count(c => c.GetProperty("status").GetString() == "Unhealthy"), summary.GetProperty("unhealthy").GetInt32());
    }

    /// <summary>The answered run is in the service's log as one Error event carrying the whole preflight JSON as structured data.</summary>
    private static async Task AssertLoggedWholeAsync(StoreDesk desk, PreflightAnswer answer)
    {
        // The service logs before it answers, but its stdout reaches this process through a pipe that may lag the HTTP answer.
        List<JsonElement> Logged() => [.. desk.LogEvents(4002, 4003).Where(e => e.GetProperty("AnsweredRunId").GetString() == answer.RunId)];
        await ProcessRunner.WaitUntilAsync(() => Task.FromResult(Logged().Count > 0), TimeSpan.FromSeconds(10), $"event 4002/4003 for run {answer.RunId} in the service's output");
        var logged = Assert.Single(Logged());
        Assert.Equal("Error", logged.GetProperty("@l").GetString());
        var run = logged.GetProperty("Run");
        Assert.Equal(JsonValueKind.Object, run.ValueKind);
        foreach (var field in new[] { "runId", "mode", "verdict", "startedAt", "expiresAt", "configHash" })
        {
            Assert.Equal(answer.Json.GetProperty(field).GetString(), run.GetProperty(field).GetString());
        }

        Assert.Equal(answer.Json.GetProperty("exitCode").GetInt32(), run.GetProperty("exitCode").GetInt32());
        Assert.Equal(answer.Json.GetProperty("summary").GetRawText(), run.GetProperty("summary").GetRawText());
        Assert.Equal(Checks(answer.Json), Checks(run));

        static IEnumerable<string> Checks(JsonElement run) => run.GetProperty("checks").EnumerateArray()
            .Select(c => string.Join('|', CheckFields.Select(f => c.GetProperty(f).GetString())));
    }
}
