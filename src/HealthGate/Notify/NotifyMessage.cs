using System.Text.Json.Serialization;

namespace HealthGate.Notify;

/// <summary>
/// One notification as the outbox keeps it, before any receiver's format: no secret is in it (targets add theirs when
/// it is sent). It is also the body a <c>webhook</c> target receives.
/// </summary>
internal sealed record NotifyMessage
{
    /// <summary><c>trigger</c>, <c>reminder</c> or <c>resolve</c>.</summary>
    public required string Action { get; init; }

    /// <summary><c>check</c>, <c>verdict</c> or <c>override</c>.</summary>
    public required string Subject { get; init; }

    public required string Desk { get; init; }

    /// <summary>Unique per transition and target: the receiver may drop a message it already has under this key.</summary>
    public string DedupKey { get; init; } = "";

    /// <summary>The incident's key, the same from trigger to resolve: <c>healthgate/{desk}/{check}</c>.</summary>
    public required string IncidentKey { get; init; }

    public required string Summary { get; init; }

    public string Description { get; init; } = "";

    /// <summary><c>critical</c> (P0, a NO-GO), <c>error</c> (P1), <c>warning</c> (P2, an override awaiting approval), <c>info</c>.</summary>
    public required string Severity { get; init; }

    /// <summary>When the problem began.</summary>
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When this message was decided (the recovery, for a resolve).</summary>
    public DateTimeOffset At { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Check { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tier { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>The checks that fail because this one does (their <c>blockedBy</c> names it); they are not sent on their own.</summary>
    public IReadOnlyList<string> Blocked { get; init; } = [];

    /// <summary>The run a check's state came from: <c>readiness</c> or <c>preflight:{mode}</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Verdict { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RunId { get; init; }

    /// <summary>For a verdict: the checks that failed it.</summary>
    public IReadOnlyList<string> Failing { get; init; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? OverrideId { get; init; }

    /// <summary>For an override: the roles that have not approved yet.</summary>
    public IReadOnlyList<string> Awaiting { get; init; } = [];

    /// <summary>Until when the problem holds if nothing renews it (an override's window); null: until resolved.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EndsAt { get; init; }

    public const string Trigger = "trigger";
    public const string Reminder = "reminder";
    public const string Resolve = "resolve";

    public const string CheckSubject = "check";
    public const string VerdictSubject = "verdict";
    public const string OverrideSubject = "override";

    public bool IsResolve => Action == Resolve;
}
