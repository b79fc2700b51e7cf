using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Notify;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using static HealthGate.Tests.Notify.NotifyRuns;

namespace HealthGate.Tests.Notify;

public sealed class NotifyRulesTests
{
    private static readonly TimeSpan Reminder = TimeSpan.FromMinutes(60);

    private sealed class Silence : INotifySilence
    {
        public Dictionary<string, DateTimeOffset> Until { get; } = new(StringComparer.Ordinal);

        public bool IsSilenced(string check, DateTimeOffset at) => Until.TryGetValue(check, out var until) && at < until;
    }

    private static NotifyRules Rules(INotifySilence? silence = null) => new("emea", Reminder, silence ?? new NoSilence());

    [Fact]
    public void ARootCauseTurningUnhealthyIsSentOnceNamingTheChecksItBlocksWhichAreNotSentOnTheirOwn()
    {
        var runs = new NotifyRuns();
        var rules = Rules();
        var run = Readiness(Check("db", CheckTier.P0, HealthStatus.Unhealthy), Check("api", CheckTier.P1, HealthStatus.Unhealthy, "db"), Check("disk", CheckTier.P2, HealthStatus.Healthy));

        var sent = runs.Run(rules, run, T0);
        var again = runs.Run(rules, run, T0.AddMinutes(1));

        var message = Assert.Single(sent);
        Assert.Equal((NotifyMessage.Trigger, NotifyMessage.CheckSubject, "db", "P0", "critical"), (message.Action, message.Subject, message.Check, message.Tier, message.Severity));
        Assert.Equal(["api"], message.Blocked);
        Assert.Contains("api", message.Summary, StringComparison.Ordinal);
        Assert.Equal("healthgate/emea/db", message.IncidentKey);
        Assert.Equal("healthgate/emea/check:db/1/trigger", message.DedupKey);
        Assert.Equal("readiness", message.Source);
        Assert.Empty(again);
        Assert.DoesNotContain("check:api", runs.States.Keys);
    }

    [Fact]
    public void ARecoveryResolvesTheSameIncidentUnderItsOwnDedupKeyAndAFreshFailureIsANewTransition()
    {
        var runs = new NotifyRuns();
        var rules = Rules();

        var trigger = Assert.Single(runs.Run(rules, Readiness(Check("db", CheckTier.P1, HealthStatus.Unhealthy)), T0));
        var resolve = Assert.Single(runs.Run(rules, Readiness(Check("db", CheckTier.P1, HealthStatus.Healthy)), T0.AddMinutes(2)));
        var degraded = runs.Run(rules, Readiness(Check("db", CheckTier.P1, HealthStatus.Degraded)), T0.AddMinutes(3));
        var again = Assert.Single(runs.Run(rules, Readiness(Check("db", CheckTier.P1, HealthStatus.Unhealthy)), T0.AddMinutes(4)));

        Assert.Equal(NotifyMessage.Resolve, resolve.Action);
        Assert.Equal(trigger.IncidentKey, resolve.IncidentKey);
        Assert.Equal(T0, resolve.StartsAt);
        Assert.Equal(T0.AddMinutes(2), resolve.At);
        Assert.Empty(degraded);
        Assert.Equal(["healthgate/emea/check:db/1/trigger", "healthgate/emea/check:db/2/resolve", "healthgate/emea/check:db/3/trigger"], [trigger.DedupKey, resolve.DedupKey, again.DedupKey]);
    }

    [Fact]
    public void ARunThatStartedBeforeTheLastChangeIsStaleAndChangesNothing()
    {
        var runs = new NotifyRuns();
        var rules = Rules();
        runs.Run(rules, ReadinessAt(T0.AddSeconds(10), Check("db", CheckTier.P0, HealthStatus.Unhealthy)), T0.AddSeconds(10));
        runs.Run(rules, ReadinessAt(T0.AddSeconds(20), Check("db", CheckTier.P0, HealthStatus.Healthy)), T0.AddSeconds(20));

        var stale = runs.Run(rules, ReadinessAt(T0.AddSeconds(15), Check("db", CheckTier.P0, HealthStatus.Unhealthy)), T0.AddSeconds(21));
        var fresh = runs.Run(rules, ReadinessAt(T0.AddSeconds(22), Check("db", CheckTier.P0, HealthStatus.Unhealthy)), T0.AddSeconds(22));

        Assert.Empty(stale);
        Assert.Equal("healthgate/emea/check:db/3/trigger", Assert.Single(fresh).DedupKey);
    }

    [Fact]
    public void ABlockedCheckIsSentOnceItsRootCauseRecoversAndItStillFails()
    {
        var runs = new NotifyRuns();
        var rules = Rules();
        runs.Run(rules, Readiness(Check("db", CheckTier.P0, HealthStatus.Unhealthy), Check("api", CheckTier.P1, HealthStatus.Unhealthy, "db")), T0);

        var sent = runs.Run(rules, Readiness(Check("db", CheckTier.P0, HealthStatus.Healthy), Check("api", CheckTier.P1, HealthStatus.Unhealthy)), T0.AddMinutes(1));

        Assert.Equal([("db", NotifyMessage.Resolve), ("api", NotifyMessage.Trigger)], sent.Select(m => (m.Check, m.Action)));
    }

    [Fact]
    public void AModesVerdictTurningNoGoAndBackIsSentOncePerTransitionAndOnlyFromPreflights()
    {
        var runs = new NotifyRuns();
        var rules = Rules();
        var p2 = Check("cosmetic", CheckTier.P2, HealthStatus.Unhealthy);

        var noGo = runs.Run(rules, PreflightOf("live", Check("feed", CheckTier.P1, HealthStatus.Unhealthy)), T0).Single(m => m.Subject == NotifyMessage.VerdictSubject);
        var stillNoGo = runs.Run(rules, PreflightOf("live", Check("feed", CheckTier.P1, HealthStatus.Unhealthy)), T0.AddMinutes(1));
        var go = runs.Run(rules, PreflightOf("live", Check("feed", CheckTier.P1, HealthStatus.Healthy), p2), T0.AddMinutes(2)).Where(m => m.Subject == NotifyMessage.VerdictSubject);
        var readinessOnly = runs.Run(rules, Readiness(Check("feed", CheckTier.P1, HealthStatus.Healthy)), T0.AddMinutes(3));

        Assert.Equal(("live", "P1_FAIL", "critical"), (noGo.Mode, noGo.Verdict, noGo.Severity));
        Assert.Equal(["feed"], noGo.Failing);
        Assert.Equal("healthgate/emea/verdict/live", noGo.IncidentKey);
        Assert.Empty(stillNoGo);
        Assert.Equal(NotifyMessage.Resolve, Assert.Single(go).Action);
        Assert.Empty(readinessOnly);
    }

    [Fact]
    public void AnOpenProblemIsRemindedEveryMinReminderMinutesAndNotBefore()
    {
        var time = new FakeTimeProvider(T0);
        var runs = new NotifyRuns();
        var rules = Rules();
        runs.Run(rules, Readiness(Check("db", CheckTier.P0, HealthStatus.Unhealthy)), time.GetUtcNow());

        time.Advance(Reminder - TimeSpan.FromSeconds(1));
        var early = runs.Apply(rules.Reminders(runs.States.Values, time.GetUtcNow()));
        time.Advance(TimeSpan.FromSeconds(1));
        var first = runs.Apply(rules.Reminders(runs.States.Values, time.GetUtcNow()));
        var same = runs.Apply(rules.Reminders(runs.States.Values, time.GetUtcNow()));
        time.Advance(Reminder);
        var second = runs.Apply(rules.Reminders(runs.States.Values, time.GetUtcNow()));

        Assert.Empty(early);
        Assert.Equal((NotifyMessage.Reminder, "db", T0), (Assert.Single(first).Action, first[0].Check, first[0].StartsAt));
        Assert.Empty(same);
        Assert.Equal("healthgate/emea/check:db/3/reminder", Assert.Single(second).DedupKey);
    }

    [Fact]
    public void ASilencedCheckOpensWithoutAMessageIsNotRemindedUntilTheSilenceEndsAndItsRecoveryIsSent()
    {
        var silence = new Silence { Until = { ["db"] = T0.AddMinutes(30) } };
        var runs = new NotifyRuns();
        var rules = Rules(silence);

        var opened = runs.Run(rules, Readiness(Check("db", CheckTier.P0, HealthStatus.Unhealthy)), T0);
        var during = runs.Apply(rules.Reminders(runs.States.Values, T0.AddMinutes(29)));
        var after = runs.Apply(rules.Reminders(runs.States.Values, T0.AddMinutes(30)));
        var recovered = runs.Run(rules, Readiness(Check("db", CheckTier.P0, HealthStatus.Healthy)), T0.AddMinutes(31));

        Assert.Empty(opened);
        Assert.True(runs.States.ContainsKey("check:db"));
        Assert.Empty(during);
        Assert.Equal(NotifyMessage.Reminder, Assert.Single(after).Action);
        Assert.Equal(NotifyMessage.Resolve, Assert.Single(recovered).Action);
    }

    [Fact]
    public void AnOverrideRequestAwaitingApprovalOpensAndItsDecisionResolvesIt()
    {
        var rules = Rules();
        var request = new OverrideRecord
        {
            Id = 7,
            Kind = "force_start",
            Mode = "live",
            ConfigHash = "h",
            State = OverrideStates.Pending,
            RequestedBy = new Actor("olga", "Olga Ivanova", Actor.Person),
            RequestedAt = T0,
            ExpiresAt = T0.AddMinutes(30),
            Awaiting = ["risk-manager", "cto"],
        };

        var opened = Assert.Single(rules.OnOverride(request, Entry(OpLogEvents.OverrideRequested), T0));
        var approval = rules.OnOverride(request with { Awaiting = ["cto"] }, Entry(OpLogEvents.OverrideDecided), T0.AddMinutes(1));
        var closed = Assert.Single(rules.OnOverride(request with { State = OverrideStates.Approved }, Entry(OpLogEvents.OverrideApproved), T0.AddMinutes(2)));

        Assert.Equal((NotifyMessage.Trigger, 7L, "healthgate/emea/override/7"), (opened.Action, opened.OverrideId, opened.IncidentKey));
        Assert.Equal(["risk-manager", "cto"], opened.Awaiting);
        Assert.Equal(T0.AddMinutes(30), opened.EndsAt);
        Assert.Empty(approval);
        Assert.Equal((NotifyMessage.Resolve, opened.IncidentKey), (closed.Action, closed.IncidentKey));
        Assert.NotEqual(opened.DedupKey, closed.DedupKey);
    }

    private static OpLogRecord Entry(string kind) => new() { Kind = kind, Mode = "live", Who = new Actor("olga", "Olga Ivanova", Actor.Person) };
}
