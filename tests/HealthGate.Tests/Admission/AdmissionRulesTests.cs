using HealthGate.Admission;
using HealthGate.Checks;
using HealthGate.Preflight;
using HealthGate.Runs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Tests.Admission;

/// <summary><see cref="AdmissionRules"/> without a host: which run and which override may admit, and what a denial says.</summary>
public sealed class AdmissionRulesTests
{
    private const string Hash = "0123456789abcdef";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly AdmissionRequest Create = new("uid-1", "CREATE", false, "Deployment", "trading", "executor", new Dictionary<string, string> { ["healthgate.io/mode"] = "live" });

    [Fact]
    public void AGoThatExpiredAndRanUnderAnotherConfigurationNamesBothReasons()
    {
        var run = Run("r1", Verdict.Pass) with { ExpiresAt = Now, ConfigHash = "ffffffffffffffff" };

        var decision = AdmissionRules.Decide(Create, Facts(run));

        Assert.False(decision.Allowed);
        Assert.Contains("the live GO of run r1 expired at 2026-12-07T09:00:00.000Z", decision.Message, StringComparison.Ordinal);
        Assert.Contains("run r1 ran under configuration ffffffffffffffff, and the gate's configuration changed to 0123456789abcdef", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADenialNamesAtMostTenFailingChecksAndCountsTheRest()
    {
        var run = Run("r1", Verdict.P1Fail, [.. Enumerable.Range(1, 12).Select(i => Check($"feed-{i:00}", CheckTier.P1, HealthStatus.Unhealthy))]);

        var decision = AdmissionRules.Decide(Create, Facts(run));

        Assert.Contains("feed-10 (P1 unexpected_status) and 2 more", decision.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("feed-11", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForceStartDoesNotCoverALatestRunFailingACheckItDidNotApprove()
    {
        var approved = Run("r1", Verdict.P1Fail, [Check("feed", CheckTier.P1, HealthStatus.Unhealthy)]);
        var latest = Run("r2", Verdict.P1Fail, [Check("feed", CheckTier.P1, HealthStatus.Unhealthy), Check("venue", CheckTier.P1, HealthStatus.Unhealthy)]);

        Assert.True(AdmissionRules.Decide(Create, Facts(approved, (Override(forceStart: true, runId: "r1"), approved))).Allowed);
        Assert.False(AdmissionRules.Decide(Create, Facts(latest, (Override(forceStart: true, runId: "r1"), approved))).Allowed);
    }

    public static TheoryData<string> UnusableOverrides => ["another mode", "another configuration", "window closed", "used", "pending"];

    [Theory]
    [MemberData(nameof(UnusableOverrides))]
    public void OnlyAnApprovedUnusedOverrideOfTheModeUnderTheCurrentConfigurationWithinItsWindowAdmits(string flaw)
    {
        var run = Run("r1", Verdict.P1Fail, [Check("feed", CheckTier.P1, HealthStatus.Unhealthy)]);
        var good = Override(forceStart: false);
        var bad = flaw switch
        {
            "another mode" => good with { Mode = "paper" },
            "another configuration" => good with { ConfigHash = "ffffffffffffffff" },
            "window closed" => good with { ExpiresAt = Now },
            "used" => good with { UsedAt = Now.AddMinutes(-1) },
            _ => good with { State = OverrideStates.Pending },
        };

        Assert.True(AdmissionRules.Decide(Create, Facts(run, (good, null))).Allowed);
        Assert.False(AdmissionRules.Decide(Create, Facts(run, (bad, null))).Allowed);
    }

    [Theory]
    [InlineData("DELETE", "live", true)]
    [InlineData("CONNECT", null, true)]
    [InlineData("CREATE", "LIVE", null)]
    [InlineData("UPDATE", "Paper", null)]
    public void OnlyACreateOrUpdateNeedsTheStoreAndTheModeLabelIgnoresCase(string operation, string? label, bool? decidedAtOnce)
    {
        var labels = label is null ? null : new Dictionary<string, string> { ["healthgate.io/mode"] = label };
        var modes = new PreflightModes(Options.Create(new ModesOptions { ["live"] = new() { Tiers = ["P0", "P1", "P2"] }, ["paper"] = new() { Tiers = ["P0"] } }));

        var (mode, decision) = AdmissionRules.Subject(Create with { Operation = operation, Labels = labels }, modes, "default");

        Assert.Equal(decidedAtOnce, decision?.Allowed);
        Assert.Equal(decidedAtOnce is null ? label!.ToLowerInvariant() : null, mode);
    }

    private static AdmissionFacts Facts(PreflightRun? latest, params (OverrideRecord, PreflightRun?)[] overrides) => new("live", latest, overrides, Hash, Now);

    private static PreflightRun Run(string id, Verdict verdict, IReadOnlyList<CheckResult>? checks = null)
    {
        var list = checks ?? [Check("core", CheckTier.P0, HealthStatus.Healthy)];
        return new PreflightRun(id, "live", verdict, verdict.ExitCode(), Now.AddSeconds(-10), 12, PreflightSummary.Of([.. list]), list)
        {
            ExpiresAt = Now.AddSeconds(50),
            ConfigHash = Hash,
        };
    }

    private static CheckResult Check(string name, CheckTier tier, HealthStatus status) =>
        new(name, "http", tier, status, 1, status == HealthStatus.Healthy ? "ok" : "unexpected_status", "", new Dictionary<string, object>());

    private static OverrideRecord Override(bool forceStart, string? runId = null) => new()
    {
        Id = 7,
        Kind = forceStart ? OverrideRequest.ForceStart : OverrideRequest.SkipHealthCheck,
        Mode = "live",
        RunId = runId,
        ConfigHash = Hash,
        State = OverrideStates.Approved,
        RequestedBy = new Actor("olga", "Olga Ivanova", Actor.Person),
        ExpiresAt = Now.AddMinutes(10),
        Ticket = "CHG-42",
    };
}
