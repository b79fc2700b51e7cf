using HealthGate.Cli.Tests.Infrastructure;
using static HealthGate.Cli.Tests.Infrastructure.DeskGate;

namespace HealthGate.Cli.Tests.Overrides;

/// <summary>
/// Expiry end to end: the CLI processes as in <see cref="EndToEndOverrideTests"/>, the service on a fake clock moved
/// past the 30-minute approval window (the shortest configurable window, one minute, would have to be waited out in
/// real time). The gate's own sweep records the expiry; then the refused step is a CLI process like any other.
/// </summary>
public sealed class EndToEndOverrideExpiryTests(FakeClockDeskFixture fixture) : IClassFixture<FakeClockDeskFixture>
{
    private static readonly TimeSpan PastTheWindow = TimeSpan.FromMinutes(31);

    private readonly DeskGate _desk = fixture.Desk;

    [Theory]
    [InlineData("approved, not used in time", "jane,bob", "approved but not used within the window", "force_start REFUSED — override {id} expired at {expiresAt} (approved by: Jane Smith (risk-manager), Bob Jones (cto); awaiting: nobody)", "preflight_failure live P1_FAIL abort gate")]
    [InlineData("not approved in time", "jane", "not approved within the window: still awaiting cto", "override approve REFUSED — 409: override {id} is expired: only a pending override takes decisions", "")]
    public async Task AnOverridePastItsWindowIsRecordedExpiredAndRefusedThroughTheCli(string row, string approvedBy, string comment, string cause, string entries)
    {
        var run = await _desk.RunAsync("P1_FAIL");
        var id = await _desk.RequestAsync(run);
        Assert.Equal(0, (await _desk.CliAsync("jane", "override", "approve", Id(id))).ExitCode);
        if (row == "approved, not used in time")
        {
            // People approve at different moments; on a clock that stands still, both decisions would share one instant.
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(0, (await _desk.CliAsync(null, "override", "approve", Id(id), "--key-file", _desk.KeyFile("bob"))).ExitCode);
        }

        fixture.Time.Advance(PastTheWindow);
        var expiry = await ExpiryEntryAsync(id);
        var result = row == "approved, not used in time"
            ? await _desk.CliAsync("olga", "preflight", "--mode", "live", "--force-start", "--override", Id(id), "--non-interactive", "--yes", "--report-dir", _desk.NewReportDirectory())
            : await _desk.CliAsync(null, "override", "approve", Id(id), "--key-file", _desk.KeyFile("bob"));

        var expired = await _desk.OverrideAsync(id);
        Assert.Equal(1, result.ExitCode);
        var expected = "healthgate: " + cause.Replace("{id}", Id(id), StringComparison.Ordinal).Replace("{expiresAt}", Timestamps.ToText(expired.ExpiresAt), StringComparison.Ordinal);
        Assert.Equal(expected, Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(OverrideStates.Expired, expired.State);
        Assert.Equal(approvedBy, string.Join(',', expired.Approvals.Select(a => a.Person.Id)));
        Assert.Equal((OpLogEvents.Expired, null, comment), (expiry.Decision, expiry.Who, expiry.Comment));
        var log = await _desk.OpLogAsync();
        Assert.Equal(entries.Length == 0 ? [] : entries.Split(';'), log.Where(e => e.Seq > expiry.Seq).Select(e => $"{e.Kind} {e.Mode} {e.Verdict ?? "-"} {e.Decision ?? "-"} {e.Who?.Id ?? "gate"}"));
        Assert.DoesNotContain(log, e => e.OverrideId == id && e.Kind is OpLogEvents.OverrideUsed or OpLogEvents.OverrideApproved && e.Seq > expiry.Seq);
        Assert.True(OpLogChain.Verify(log).IsIntact);
    }

    /// <summary>The sweep's <c>override_expired</c> entry, once the gate has written it.</summary>
    private async Task<OpLogRecord> ExpiryEntryAsync(long id)
    {
        OpLogRecord? entry = null;
        await ProcessRunner.WaitUntilAsync(
            async () => (entry = (await _desk.OpLogAsync()).SingleOrDefault(e => e.OverrideId == id && e.Kind == OpLogEvents.OverrideExpired)) is not null,
            TimeSpan.FromSeconds(30),
            $"the override_expired entry of override {id}");
        return entry!;
    }
}
