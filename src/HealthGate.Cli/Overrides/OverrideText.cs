using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Overrides;

/// <summary>An override as people read it: who asked, who approved in which role, what is still awaited.</summary>
internal static class OverrideText
{
    public static string Person(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsPerson ? $"{actor.Name} ({actor.Id})" : $"service key {actor.Id}";
    }

    /// <summary>The roles filled so far: <c>Jane Smith (risk-manager), Bob Jones (cto)</c>; <c>nobody yet</c> when none.</summary>
    public static string ApprovedBy(OverrideRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var approvals = record.Approvals.Where(a => a.Decision == OpLogEvents.Approve).Select(a => $"{a.Person.Name} ({a.Role ?? "no role"})").ToList();
        return approvals.Count == 0 ? "nobody yet" : string.Join(", ", approvals);
    }

    public static string Awaiting(OverrideRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Awaiting.Count == 0 ? "nobody" : string.Join(", ", record.Awaiting);
    }

    /// <summary>One decision, for the report and the rejection message: <c>approve by Jane Smith (jane) as risk-manager at …</c>.</summary>
    public static string Decision(ApprovalRecord approval)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var role = approval.Role is { } r ? $" as {r}" : "";
        var comment = approval.Comment is { Length: > 0 } c ? $" — \"{OneLine.Of(c, 200)}\"" : "";
        return $"{approval.Decision} by {Person(approval.Person)}{role} at {Timestamps.ToText(approval.At)}{comment}";
    }

    /// <summary>Every field of the override, one line each, for <c>override show</c> and the request and approve commands.</summary>
    public static IEnumerable<string> Lines(OverrideRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        yield return $"Override {record.Id}: {record.Kind}, mode {record.Mode}{(record.RunId is { } run ? $", run {run}" : "")} — state {record.State}";
        yield return $"Requested by {Person(record.RequestedBy)} at {Timestamps.ToText(record.RequestedAt)}; expires {Timestamps.ToText(record.ExpiresAt)}";
        yield return $"Roles needed: {(record.Required.Count == 0 ? "none" : string.Join(", ", record.Required))}";
        yield return $"Approved by: {ApprovedBy(record)}";
        yield return $"Awaiting: {Awaiting(record)}";
        foreach (var rejection in record.Approvals.Where(a => a.Decision != OpLogEvents.Approve))
        {
            yield return $"Rejected: {Decision(rejection)}";
        }

        yield return $"Ticket: {record.Ticket ?? "none"} · Reason: {OneLine.Of(record.Reason ?? "none", 300)}";
        yield return $"Impact: {OneLine.Of(record.Impact ?? "none", 300)} · Mitigation: {OneLine.Of(record.Mitigation ?? "none", 300)}";
        yield return $"Config hash: {record.ConfigHash}";
        if (record.UsedAt is { } usedAt)
        {
            yield return $"Used at {Timestamps.ToText(usedAt)}{(record.UsedBy is { } by ? $" by {Person(by)}" : "")}{(record.UsedForRunId is { } forRun ? $" for run {forRun}" : "")}";
        }
    }
}
