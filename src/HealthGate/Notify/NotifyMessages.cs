using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Runs;

namespace HealthGate.Notify;

/// <summary>Builds the receiver-neutral messages: what they say about a check, a verdict or an override.</summary>
internal static class NotifyMessages
{
    public static string Severity(CheckTier tier) => tier switch
    {
        CheckTier.P0 => "critical",
        CheckTier.P1 => "error",
        _ => "warning",
    };

    public static NotifyMessage CheckFailed(string desk, CheckResult check, IReadOnlyList<string> blocked, string source, DateTimeOffset at) => new()
    {
        Action = NotifyMessage.Trigger,
        Subject = NotifyMessage.CheckSubject,
        Desk = desk,
        IncidentKey = $"healthgate/{desk}/{check.Name}",
        Summary = $"[{desk}] {check.Tier} check {check.Name} is Unhealthy: {check.Reason}"
            + (blocked.Count > 0 ? $" (also failing because of it: {string.Join(", ", blocked)})" : ""),
        Description = check.Description,
        Severity = Severity(check.Tier),
        StartsAt = at,
        At = at,
        Check = check.Name,
        Tier = check.Tier.ToString(),
        Type = check.Type,
        Reason = check.Reason,
        Blocked = blocked,
        Source = source,
    };

    public static NotifyMessage VerdictNoGo(string desk, PreflightRun run, DateTimeOffset at)
    {
        var failing = run.Checks.Where(c => c.Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy && c.Tier != CheckTier.P2)
            .Select(c => c.Name).ToList();
        return new()
        {
            Action = NotifyMessage.Trigger,
            Subject = NotifyMessage.VerdictSubject,
            Desk = desk,
            IncidentKey = $"healthgate/{desk}/verdict/{run.Mode}",
            Summary = $"[{desk}] mode {run.Mode} is NO-GO ({run.Verdict.Token()}): {string.Join(", ", failing)} failing, run {run.RunId}",
            Severity = "critical",
            StartsAt = at,
            At = at,
            Mode = run.Mode,
            Verdict = run.Verdict.Token(),
            RunId = run.RunId,
            Failing = failing,
        };
    }

    public static NotifyMessage OverrideAwaiting(string desk, OverrideRecord record, DateTimeOffset at) => new()
    {
        Action = NotifyMessage.Trigger,
        Subject = NotifyMessage.OverrideSubject,
        Desk = desk,
        IncidentKey = $"healthgate/{desk}/override/{record.Id}",
        Summary = $"[{desk}] override {record.Id} ({record.Kind}, mode {record.Mode}) requested by {record.RequestedBy.Name} awaits approval by {string.Join(", ", record.Awaiting)}",
        Description = record.Reason ?? "",
        Severity = "warning",
        StartsAt = record.RequestedAt,
        At = at,
        Mode = record.Mode,
        RunId = record.RunId,
        OverrideId = record.Id,
        Awaiting = record.Awaiting,
        EndsAt = record.ExpiresAt,
    };

    /// <summary>The same problem, now over: the opening message turned into its resolve.</summary>
    public static NotifyMessage Resolved(NotifyMessage opened, string summary, DateTimeOffset at) =>
        opened with { Action = NotifyMessage.Resolve, Summary = summary, At = at, EndsAt = at };
}
