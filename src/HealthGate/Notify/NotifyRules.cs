using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Notify;

/// <summary>
/// What notifies, decided without I/O from a run and the desk's current states: a root cause turning Unhealthy (a
/// blocked check is named in its root cause's message, not sent on its own), its recovery, a mode's verdict turning
/// NO-GO and back, and a reminder while a problem stays open. A silenced check opens without a message and is not
/// reminded; its recovery is still sent.
/// </summary>
internal sealed class NotifyRules(string desk, TimeSpan reminderInterval, INotifySilence silence)
{
    public IReadOnlyList<NotifyDecision> OnRun(CompletedRun run, IReadOnlyDictionary<string, NotifyStateRow> states, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(states);
        var decisions = new List<NotifyDecision>();
        foreach (var check in run.Checks.Where(c => c.Type != GateEntry.Type))
        {
            // A blocked check keeps whatever it had: not paged while its root cause is, not resolved while it still fails.
            if (check.BlockedBy.Count > 0)
            {
                continue;
            }

            var blocked = run.Checks.Where(c => c.BlockedBy.Contains(check.Name, StringComparer.Ordinal)).Select(c => c.Name).ToList();
            var opened = NotifyMessages.CheckFailed(desk, check, blocked, run.Source, now);
            var silenced = silence.IsSilenced(check.Name, now);
            Decide(decisions, states, $"check:{check.Name}", check.Status == HealthStatus.Unhealthy, opened, $"[{desk}] check {check.Name} recovered ({check.Status})", silenced, run.StartedAt, now);
        }

        if (run.Preflight is { } preflight)
        {
            var opened = NotifyMessages.VerdictNoGo(desk, preflight, now);
            Decide(decisions, states, $"verdict:{preflight.Mode}", !preflight.Verdict.IsGo(), opened, $"[{desk}] mode {preflight.Mode} is GO again ({preflight.Verdict.Token()}), run {preflight.RunId}", silenced: false, run.StartedAt, now);
        }

        return decisions;
    }

    /// <summary>Every open, unsilenced subject last sent at least <c>MinReminderMinutes</c> ago, sent again.</summary>
    public IReadOnlyList<NotifyDecision> Reminders(IEnumerable<NotifyStateRow> states, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(states);
        var decisions = new List<NotifyDecision>();
        foreach (var state in states.Where(s => s.Open && now - s.NotifiedAt >= reminderInterval))
        {
            var opened = StoreValues.FromJson<NotifyMessage>(state.Detail);
            if (opened.Check is { } check && silence.IsSilenced(check, now))
            {
                continue;
            }

            var next = state with { Version = state.Version + 1, NotifiedAt = now };
            var message = opened with { Action = NotifyMessage.Reminder, At = now, DedupKey = DedupKey(state.Subject, next.Version, NotifyMessage.Reminder) };
            decisions.Add(new NotifyDecision(state.Version, next, message));
        }

        return decisions;
    }

    /// <summary>An override request awaiting approval opens; its leaving <c>pending</c> (approved, rejected, expired) resolves it.</summary>
    public IReadOnlyList<NotifyMessage> OnOverride(OverrideRecord current, OpLogRecord entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(entry);
        var opened = NotifyMessages.OverrideAwaiting(desk, current, now);
        var subject = $"override:{current.Id}";
        if (entry.Kind == OpLogEvents.OverrideRequested && current.State == OverrideStates.Pending)
        {
            return [opened with { DedupKey = DedupKey(subject, 1, NotifyMessage.Trigger) }];
        }

        if (entry.Kind != OpLogEvents.OverrideRequested && current.State != OverrideStates.Pending)
        {
            var summary = $"[{desk}] override {current.Id} ({current.Kind}, mode {current.Mode}) is {current.State}";
            return [NotifyMessages.Resolved(opened, summary, now) with { DedupKey = DedupKey(subject, 2, NotifyMessage.Resolve) }];
        }

        return [];
    }

    public string DedupKey(string subject, long version, string action) => $"healthgate/{desk}/{subject}/{version}/{action}";

    /// <summary>
    /// <see cref="NotifyStateRow.Since"/> is the start of the run that last changed the subject: a run that started
    /// before it (a slow run on another replica, finishing after a newer one) is stale and changes nothing.
    /// </summary>
    private void Decide(List<NotifyDecision> decisions, IReadOnlyDictionary<string, NotifyStateRow> states, string subject, bool open, NotifyMessage opened, string resolvedSummary, bool silenced, DateTimeOffset runStartedAt, DateTimeOffset now)
    {
        var previous = states.GetValueOrDefault(subject);
        var wasOpen = previous?.Open == true;
        if (open == wasOpen || (previous is not null && StoreValues.Truncate(runStartedAt) < previous.Since))
        {
            return;
        }

        var version = (previous?.Version ?? 0) + 1;
        if (open)
        {
            var message = opened with { DedupKey = DedupKey(subject, version, NotifyMessage.Trigger) };

            // Silenced: open, and due for a reminder as soon as the silence ends.
            var next = new NotifyStateRow(subject, true, version, runStartedAt, silenced ? DateTimeOffset.UnixEpoch : now, StoreValues.ToJson(message));
            decisions.Add(new NotifyDecision(previous?.Version ?? 0, next, silenced ? null : message));
        }
        else if (previous is not null)
        {
            var first = StoreValues.FromJson<NotifyMessage>(previous.Detail);
            var message = NotifyMessages.Resolved(first, resolvedSummary, now) with { DedupKey = DedupKey(subject, version, NotifyMessage.Resolve) };
            decisions.Add(new NotifyDecision(previous.Version, new NotifyStateRow(subject, false, version, runStartedAt, now, StoreValues.ToJson(message)), message));
        }
    }
}
