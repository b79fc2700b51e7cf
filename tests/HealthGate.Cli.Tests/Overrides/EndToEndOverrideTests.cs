using HealthGate.Cli.Tests.Infrastructure;
using static HealthGate.Cli.Tests.Infrastructure.DeskGate;

namespace HealthGate.Cli.Tests.Overrides;

/// <summary>
/// The two-person rule end to end: every step is the built healthgate as its own process with one person's own key
/// (olga the operator, jane the risk manager, bob the CTO through --key-file, tess the team lead, the launcher's
/// service key), against the real service. Each refusal is a row: its exit code, its one-line cause, and what
/// <c>GET /overrides/{id}</c> and <c>GET /oplog</c> say afterwards.
/// </summary>
public sealed class EndToEndOverrideTests(DeskGateFixture fixture) : IClassFixture<DeskGateFixture>
{
    private readonly DeskGate _desk = fixture.Desk;

    [Fact]
    public async Task AP1FailIsForceStartedLiveOnceOlgaRequestedAndJaneAndBobApprovedWithTheirOwnKeys()
    {
        var before = await LastSeqAsync();
        var run = await _desk.RunAsync("P1_FAIL");

        var requested = await _desk.CliAsync("olga", RequestArgs(run));
        var id = OverrideId(requested.Out);
        var jane = await _desk.CliAsync("jane", "override", "approve", Id(id), "--comment", "feed outage is known");
        var bob = await _desk.CliAsync(null, "override", "approve", Id(id), "--key-file", _desk.KeyFile("bob"));
        var reports = _desk.NewReportDirectory();
        var launch = await _desk.CliAsync("olga", Launch(id, reports));

        Assert.Contains("Awaiting: risk-manager, cto", requested.Out, StringComparison.Ordinal);
        Assert.Contains($"Override {id}: approval recorded — state pending", jane.Out, StringComparison.Ordinal);
        Assert.Contains("Awaiting: cto", jane.Out, StringComparison.Ordinal);
        Assert.Contains($"Override {id}: approval recorded — state approved", bob.Out, StringComparison.Ordinal);
        Assert.True(launch.ExitCode == 0, $"exit {launch.ExitCode}: {launch.Error}\n{launch.Out}");
        Assert.Contains("FORCE START — OVERRIDE USED", launch.Out, StringComparison.Ordinal);
        Assert.Contains("approved by: Jane Smith (risk-manager), Bob Jones (cto)", launch.Out, StringComparison.Ordinal);

        var log = await _desk.OpLogAsync();
        Assert.Equal(
        [
            "preflight_failure live P1_FAIL abort gate",
            "override_requested live P1_FAIL pending olga",
            "override_decided live - approve jane",
            "override_decided live - approve bob",
            "override_approved live - approve gate",
            "preflight_failure live P1_FAIL abort gate",
            "override_used live P1_FAIL proceed olga",
        ],
        After(log, before));
        var launchRun = log.Last(e => e.Kind == OpLogEvents.PreflightFailure).RunId!;
        Assert.Equal([(id, "risk-manager"), (id, "cto")], log.Where(e => e.Seq > before && e.Role is not null).Select(e => (e.OverrideId!.Value, e.Role!)));
        Assert.True(OpLogChain.Verify(log).IsIntact);

        var used = await _desk.OverrideAsync(id);
        Assert.Equal(OverrideStates.Used, used.State);
        Assert.Equal(("olga", run, launchRun), (used.UsedBy!.Id, used.RunId, used.UsedForRunId));
        Assert.Equal([("jane", "risk-manager"), ("bob", "cto")], used.Approvals.Select(a => (a.Person.Id, a.Role!)));

        var report = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(reports, "PREFLIGHT_LIVE_*.md")));
        Assert.Contains("## Override", report, StringComparison.Ordinal);
        Assert.Contains($"| Override | `{id}` (force_start, live), state used |", report, StringComparison.Ordinal);
        Assert.Contains($"| Used for run | `{launchRun}` |", report, StringComparison.Ordinal);
        Assert.Contains($"| Approved for run | `{run}` |", report, StringComparison.Ordinal);
        Assert.Contains("| Requested by | Olga Ivanova (olga) at ", report, StringComparison.Ordinal);
        Assert.Matches(@"\| Approvals \| approve by Jane Smith \(jane\) as risk-manager at [^;]+; approve by Bob Jones \(bob\) as cto at ", report);
        Assert.Contains("| Ticket | CHG-4711 |", report, StringComparison.Ordinal);

        var again = await _desk.CliAsync("olga", Launch(id, _desk.NewReportDirectory()));
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith($"healthgate: force_start REFUSED — override {id} was already used at ", again.Error, StringComparison.Ordinal);
        Assert.Equal(OverrideStates.Used, (await _desk.OverrideAsync(id)).State);
        Assert.Single(await _desk.OpLogAsync(), e => e.OverrideId == id && e.Kind == OpLogEvents.OverrideUsed);
    }

    [Fact]
    public async Task ALauncherWaitingOnThePendingOverrideProceedsOnceJaneAndBobHaveApproved()
    {
        var run = await _desk.RunAsync("P1_FAIL");
        var id = await _desk.RequestAsync(run);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Approved only once the launcher said it waits: the gate's record of its preflight comes before the launcher's
        // first look at the override, and approving in between would skip the wait this test is about.
        var launch = _desk.CliAsync(
            "olga",
            line =>
            {
                if (line.Contains($"Override {id} is pending", StringComparison.Ordinal))
                {
                    waiting.TrySetResult();
                }
            },
            [.. Launch(id, _desk.NewReportDirectory()), "--wait", "60"]);
        await Task.WhenAny(waiting.Task, launch).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(launch.IsCompleted, launch.IsCompleted ? (await launch).Error : "");
        await _desk.ApproveByBothAsync(id);
        var result = await launch;

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {result.Error}\n{result.Out}");
        Assert.Contains($"Override {id} is pending: approved by nobody yet; awaiting risk-manager, cto.", result.Out, StringComparison.Ordinal);
        Assert.Contains("FORCE START — OVERRIDE USED", result.Out, StringComparison.Ordinal);
        Assert.Equal(OverrideStates.Used, (await _desk.OverrideAsync(id)).State);
    }

    /// <summary>
    /// Every row: olga runs a live preflight (P1_FAIL) and requests a force-start, the row's steps bring the override
    /// where the row needs it, then one more CLI process is refused. {id} stands for the override's id; entries are
    /// what the op-log gained from the refused step ("kind mode verdict decision who").
    /// </summary>
    [Theory]
    [InlineData("olga approves her own", "override approve REFUSED — 403: olga requested override {id} and cannot approve or reject it: another person must", "pending", "", "")]
    [InlineData("jane approves twice", "override approve REFUSED — 403: jane has already decided on override {id}: one person fills one role", "pending", "jane", "")]
    [InlineData("tess has the wrong role", "override approve REFUSED — 403: tess holds no role override {id} still needs: awaiting risk-manager, cto; tess holds team-lead", "pending", "", "")]
    [InlineData("the service key approves", "override approve REFUSED — 403: 'ops' is a service key: only a person, with their own credential, approves or rejects an override", "pending", "", "")]
    [InlineData("a rejected override is used", "force_start REFUSED — override {id} was rejected: reject by Bob Jones (bob)", "rejected", "", "preflight_failure live P1_FAIL abort gate")]
    [InlineData("an override is used twice", "force_start REFUSED — override {id} was already used at ", "used", "jane,bob", "preflight_failure live P1_FAIL abort gate")]
    [InlineData("the launch run is a P0_FAIL", "force_start REFUSED — P0 failures have no override; --force-start does not apply", "approved", "jane,bob", "preflight_failure live P0_FAIL abort gate")]
    [InlineData("a paper launch uses a live override", "force_start REFUSED — override {id} is for mode live, not paper", "approved", "jane,bob", "preflight_failure paper P1_FAIL abort gate")]
    [InlineData("a paper override of a live run", "override request REFUSED — 409: run {run} is a 'live' run, not 'paper'", "pending", "", "")]
    [InlineData("a force-start of a P0_FAIL run", "override request REFUSED — 409: run {p0run} is P0_FAIL: P0 checks have no override (core (P0): unexpected_status, feed (P1): unexpected_status) (the attempt is operational log entry {seq})", "pending", "", "override_requested live P0_FAIL refused olga")]
    public async Task ARefusedStepExits1WithItsCauseAndTheGateSaysWhatItKept(string row, string cause, string state, string approvedBy, string entries)
    {
        var run = await _desk.RunAsync("P1_FAIL");
        var id = await _desk.RequestAsync(run);
        var (refused, p0Run) = await StepsAsync(row, id, run);
        var before = refused.Before;
        var result = refused.Result;
        var log = await _desk.OpLogAsync();

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var expected = "healthgate: " + cause.Replace("{id}", Id(id), StringComparison.Ordinal).Replace("{run}", run, StringComparison.Ordinal)
            .Replace("{p0run}", p0Run ?? "", StringComparison.Ordinal).Replace("{seq}", Id(before + 1), StringComparison.Ordinal);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        var now = await _desk.OverrideAsync(id);
        Assert.Equal(state, now.State);
        Assert.Equal(approvedBy, string.Join(',', now.Approvals.Where(a => a.Decision == OpLogEvents.Approve).Select(a => a.Person.Id)));
        Assert.Equal(entries.Length == 0 ? [] : entries.Split(';'), After(log, before));
        Assert.True(OpLogChain.Verify(log).IsIntact);
        Assert.True(row != "the launch run is a P0_FAIL" || log.All(e => e.OverrideId != id || e.Kind != OpLogEvents.OverrideUsed), "nothing is used on a P0_FAIL");
    }

    private async Task<((long Before, CliResult Result) Refused, string? P0Run)> StepsAsync(string row, long id, string run)
    {
        switch (row)
        {
            case "olga approves her own":
                return (await RefusedAsync("olga", "override", "approve", Id(id)), null);
            case "jane approves twice":
                Assert.Equal(0, (await _desk.CliAsync("jane", "override", "approve", Id(id))).ExitCode);
                return (await RefusedAsync("jane", "override", "approve", Id(id)), null);
            case "tess has the wrong role":
                return (await RefusedAsync(null, "override", "approve", Id(id), "--key-file", _desk.KeyFile("tess")), null);
            case "the service key approves":
                return (await RefusedAsync(DeskPeople.ServiceKeyName, "override", "approve", Id(id)), null);
            case "a rejected override is used":
                Assert.Equal(0, (await _desk.CliAsync(null, "override", "approve", Id(id), "--reject", "--comment", "not with the feed down", "--key-file", _desk.KeyFile("bob"))).ExitCode);
                return (await RefusedAsync("olga", Launch(id, _desk.NewReportDirectory())), null);
            case "an override is used twice":
                await _desk.ApproveByBothAsync(id);
                Assert.Equal(0, (await _desk.CliAsync("olga", Launch(id, _desk.NewReportDirectory()))).ExitCode);
                return (await RefusedAsync("olga", Launch(id, _desk.NewReportDirectory())), null);
            case "the launch run is a P0_FAIL":
                await _desk.ApproveByBothAsync(id);
                _desk.Answer("P0_FAIL");
                return (await RefusedAsync("olga", Launch(id, _desk.NewReportDirectory())), null);
            case "a paper launch uses a live override":
                await _desk.ApproveByBothAsync(id);
                return (await RefusedAsync("olga", Launch(id, _desk.NewReportDirectory(), "paper")), null);
            case "a paper override of a live run":
                return (await RefusedAsync("olga", RequestArgs(run, "paper")), null);
            case "a force-start of a P0_FAIL run":
                var p0Run = await _desk.RunAsync("P0_FAIL");
                return (await RefusedAsync("olga", RequestArgs(p0Run)), p0Run);
            default:
                throw new ArgumentOutOfRangeException(nameof(row), row, "no such row");
        }
    }

    private async Task<(long Before, CliResult Result)> RefusedAsync(string? who, params string[] args)
    {
        var before = await LastSeqAsync();
        return (before, await _desk.CliAsync(who, args));
    }

    private static string[] Launch(long id, string reports, string mode = "live") =>
        ["preflight", "--mode", mode, "--force-start", "--override", Id(id), "--non-interactive", "--yes", "--report-dir", reports];

    private async Task<long> LastSeqAsync() => await _desk.OpLogAsync() is [.., var last] ? last.Seq : 0;

    private static string[] After(IReadOnlyList<OpLogRecord> log, long seq) =>
        [.. log.Where(e => e.Seq > seq).Select(e => $"{e.Kind} {e.Mode} {e.Verdict ?? "-"} {e.Decision ?? "-"} {e.Who?.Id ?? "gate"}")];
}
