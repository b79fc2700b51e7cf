namespace HealthGate.Contracts;

/// <summary>
/// An override as <c>/overrides</c> serves it: who asked, what for, which roles its policy needs, who decided, and
/// where it stands (<see cref="OverrideStates"/>).
/// </summary>
public sealed record OverrideRecord
{
    public long Id { get; init; }

    /// <summary><c>force_start</c> or <c>skip_health_check</c>.</summary>
    public required string Kind { get; init; }

    public required string Mode { get; init; }

    /// <summary>The P1_FAIL run a force_start overrides; null for a skip.</summary>
    public string? RunId { get; init; }

    /// <summary>The configuration the override is bound to: the run's, or the gate's at request for a skip.</summary>
    public required string ConfigHash { get; init; }

    public required string State { get; init; }

    public required Actor RequestedBy { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Pending past this is expired; approved and unused past this is expired too.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    public string? Reason { get; init; }

    public string? Ticket { get; init; }

    public string? Impact { get; init; }

    public string? Mitigation { get; init; }

    /// <summary>The roles the policy of <c>mode:kind</c> needs, each filled by a different person.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>The needed roles nobody has filled yet.</summary>
    public IReadOnlyList<string> Awaiting { get; init; } = [];

    public IReadOnlyList<ApprovalRecord> Approvals { get; init; } = [];

    public DateTimeOffset? UsedAt { get; init; }

    public Actor? UsedBy { get; init; }

    /// <summary>The launch run it was used for, when the launcher named one.</summary>
    public string? UsedForRunId { get; init; }
}

/// <summary>One person's decision on an override: the role it filled (null for a rejection), when, and why.</summary>
public sealed record ApprovalRecord(Actor Person, string? Role, string Decision, string? Comment, DateTimeOffset At);

/// <summary>Where an override stands.</summary>
public static class OverrideStates
{
    public const string Pending = "pending";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Expired = "expired";
    public const string Used = "used";

    public static IReadOnlyList<string> All { get; } = [Pending, Approved, Rejected, Expired, Used];
}

/// <summary>The body of <c>POST /overrides/{id}/approvals</c>.</summary>
public sealed record ApprovalRequest(string? Decision, string? Comment);

/// <summary>The optional body of <c>POST /overrides/{id}/use</c>: the launch run the override is used for.</summary>
public sealed record UseRequest(string? RunId);

/// <summary>A page of a list: the items and the cursor of the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
