using HealthGate.Checks;
using HealthGate.Notify;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Notify;

/// <summary>Runs and a stand-in for the store's states, for the rules' tests: decisions applied as the store would.</summary>
internal sealed class NotifyRuns
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    public Dictionary<string, NotifyStateRow> States { get; } = new(StringComparer.Ordinal);

    public static CheckResult Check(string name, CheckTier tier, HealthStatus status, params string[] blockedBy) =>
        new(name, "http", tier, status, 1, status == HealthStatus.Healthy ? "ok" : "http_503", $"{name} answered", new Dictionary<string, object>())
        {
            BlockedBy = blockedBy,
        };

    public static CompletedRun Readiness(params CheckResult[] checks) => ReadinessAt(T0, checks);

    public static CompletedRun ReadinessAt(DateTimeOffset startedAt, params CheckResult[] checks) =>
        CompletedRun.OfReadiness(new CheckRun(startedAt, TimeSpan.FromMilliseconds(5), checks));

    public static CompletedRun PreflightOf(string mode, params CheckResult[] checks) =>
        CompletedRun.OfPreflight(PreflightRun.From($"run-{Guid.NewGuid():N}", mode, new CheckRun(T0, TimeSpan.FromMilliseconds(5), checks)));

    /// <summary>The messages the run sends, its state changes applied.</summary>
    public IReadOnlyList<NotifyMessage> Apply(IReadOnlyList<NotifyDecision> decisions)
    {
        foreach (var decision in decisions)
        {
            var current = States.GetValueOrDefault(decision.Next.Subject)?.Version ?? 0;
            Assert.Equal(current, decision.ExpectedVersion);
            States[decision.Next.Subject] = decision.Next;
        }

        return [.. decisions.Where(d => d.Message is not null).Select(d => d.Message!)];
    }

    public IReadOnlyList<NotifyMessage> Run(NotifyRules rules, CompletedRun run, DateTimeOffset at) => Apply(rules.OnRun(run, States, at));
}
