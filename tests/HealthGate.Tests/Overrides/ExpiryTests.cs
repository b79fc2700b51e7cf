using System.Net;
using HealthGate.Overrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.LifecycleTests;
using static HealthGate.Tests.Overrides.ProblemAssert;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// The approval window on a fake clock: an override not approved, or approved but not used, within
/// <c>ApprovalWindowMinutes</c> reads as expired at once, takes no decision and no use, and the log records its expiry
/// exactly once, whether the sweep or a refused call got there first.
/// </summary>
public sealed class ExpiryTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task APendingOverrideNobodyTouchesIsRecordedExpiredByTheSweepOnce()
    {
        var clock = new FakeTimeProvider(Start);
        await using var gate = OnClock(clock);
        var requested = await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", await gate.RunAsync("P1_FAIL")), "olga"));
        var id = requested.GetProperty("id").GetInt64();
        Assert.Equal(Start.AddMinutes(30), requested.GetProperty("expiresAt").GetDateTimeOffset());

        clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromMilliseconds(1));
        Assert.Equal("pending", await StateAsync(gate, id));
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("expired", await StateAsync(gate, id));
        // Only reads since the window closed: the entry can only be the sweep's, woken by the clock.
        clock.Advance(OverrideExpiry.Period);
        var entry = Assert.Single(await ExpiryEntriesAsync(gate, id, wait: true));
        Assert.Null(entry.Who);
        Assert.Equal((OpLogEvents.Expired, "not approved within the window: still awaiting risk-manager, cto"), (entry.Decision, entry.Comment));
        Assert.Contains(id, await IdsAsync(gate, "expired"));
        Assert.DoesNotContain(id, await IdsAsync(gate, "pending"));

        clock.Advance(OverrideExpiry.Period);
        Assert.Equal(0, await gate.Services.GetRequiredService<OverrideService>().ExpireDueAsync(CancellationToken.None));
        Assert.Single(await ExpiryEntriesAsync(gate, id, wait: false));
        OpLogReader.AssertIntact(await OpLogReader.ReadAllAsync(gate.Client));
    }

    [Fact]
    public async Task APendingOverridePastItsWindowTakesNoDecisionAndNoUse()
    {
        var clock = new FakeTimeProvider(Start);
        await using var gate = OnClock(clock);
        var id = (await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", await gate.RunAsync("P1_FAIL")), "olga"))).GetProperty("id").GetInt64();
        clock.Advance(TimeSpan.FromMinutes(29));
        await OkAsync(await gate.DecideAsync(id, "approve", "jane"));

        clock.Advance(TimeSpan.FromMinutes(1));

        var late = await IsProblemAsync(await gate.DecideAsync(id, "approve", "bob"), HttpStatusCode.Conflict);
        Assert.Contains("expired", late.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await IsProblemAsync(await gate.DecideAsync(id, "reject", "bob"), HttpStatusCode.Conflict);
        await IsProblemAsync(await gate.UseAsync(id, "olga"), HttpStatusCode.Conflict);
        await IsProblemAsync(await gate.UseAsync(id, "ops"), HttpStatusCode.Conflict);
        var record = await gate.GetJsonAsync($"/overrides/{id}");
        Assert.Equal("expired", record.GetProperty("state").GetString());
        Assert.Equal([("jane", "risk-manager")], Approvals(record));
        var entry = Assert.Single(await ExpiryEntriesAsync(gate, id, wait: true));
        Assert.Equal("not approved within the window: still awaiting cto", entry.Comment);
        Assert.Equal(0, await gate.Services.GetRequiredService<OverrideService>().ExpireDueAsync(CancellationToken.None));
        Assert.Single(await ExpiryEntriesAsync(gate, id, wait: false));
    }

    [Fact]
    public async Task AnApprovedOverrideNotUsedWithinTheConfiguredWindowExpiresAndIsNotUsed()
    {
        var clock = new FakeTimeProvider(Start);
        await using var gate = OnClock(clock, ("Overrides:ApprovalWindowMinutes", 5));
        var requested = await CreatedAsync(await gate.RequestAsync(Request("skip_health_check", "live", null), "olga"));
        var id = requested.GetProperty("id").GetInt64();
        Assert.Equal(Start.AddMinutes(5), requested.GetProperty("expiresAt").GetDateTimeOffset());
        await OkAsync(await gate.DecideAsync(id, "approve", "jane"));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("approved", (await OkAsync(await gate.DecideAsync(id, "approve", "bob"))).GetProperty("state").GetString());

        clock.Advance(TimeSpan.FromMinutes(4));

        Assert.Equal("expired", await StateAsync(gate, id));
        clock.Advance(OverrideExpiry.Period);
        var entry = Assert.Single(await ExpiryEntriesAsync(gate, id, wait: true));
        Assert.Equal("approved but not used within the window", entry.Comment);
        await IsProblemAsync(await gate.UseAsync(id, "olga"), HttpStatusCode.Conflict);
        await IsProblemAsync(await gate.UseAsync(id, "ops"), HttpStatusCode.Conflict);
        var record = await gate.GetJsonAsync($"/overrides/{id}");
        Assert.Equal("expired", record.GetProperty("state").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, record.GetProperty("usedAt").ValueKind);
        var log = await OpLogReader.ReadAllAsync(gate.Client);
        Assert.DoesNotContain(log, e => e.OverrideId == id && e.Kind == OpLogEvents.OverrideUsed);
        Assert.Single(log, e => e.OverrideId == id && e.Kind == OpLogEvents.OverrideExpired);
        OpLogReader.AssertIntact(log);
    }

    [Fact]
    public async Task AForceStartOfARunOlderThanTheWindowIsRefused()
    {
        var clock = new FakeTimeProvider(Start);
        await using var gate = OnClock(clock);
        var run = await gate.RunAsync("P1_FAIL");

        clock.Advance(TimeSpan.FromMinutes(31));

        var problem = await IsProblemAsync(await gate.RequestAsync(Request("force_start", "live", run), "olga"), HttpStatusCode.Conflict);
        Assert.Contains("more than the approval window", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private GateScenario OnClock(FakeTimeProvider clock, params (string Key, object? Value)[] more) =>
        new(_standIn, People(more), services => services.AddSingleton<TimeProvider>(clock));

    private static async Task<string?> StateAsync(GateScenario gate, long id) =>
        (await gate.GetJsonAsync($"/overrides/{id}")).GetProperty("state").GetString();

    private static async Task<long[]> IdsAsync(GateScenario gate, string state) =>
        [.. (await gate.GetJsonAsync($"/overrides?state={state}")).GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetInt64())];

    /// <summary>The override's expiry entries; with <paramref name="wait"/>, first waits until there is one.</summary>
    private static async Task<OpLogRecord[]> ExpiryEntriesAsync(GateScenario gate, long id, bool wait)
    {
        OpLogRecord[] entries = [];
        async Task<bool> AnyAsync()
        {
            entries = [.. (await OpLogReader.ReadAllAsync(gate.Client, OpLogEvents.OverrideExpired)).Where(e => e.OverrideId == id)];
            return entries.Length > 0;
        }

        if (wait)
        {
            await ProcessRunner.WaitUntilAsync(AnyAsync, TimeSpan.FromSeconds(20), $"an override_expired entry for override {id}");
        }
        else
        {
            await AnyAsync();
        }

        return entries;
    }
}
