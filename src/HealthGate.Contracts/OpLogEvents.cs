namespace HealthGate.Contracts;

/// <summary>What an operational log entry records (<see cref="OpLogRecord.Kind"/>) and the decisions it carries.</summary>
public static class OpLogEvents
{
    /// <summary>A preflight that said no-go (P0_FAIL or P1_FAIL); decision <c>abort</c>.</summary>
    public const string PreflightFailure = "preflight_failure";

    /// <summary>An override asked for; decision <c>pending</c>, or <c>refused</c> when the run forbids it (a P0_FAIL).</summary>
    public const string OverrideRequested = "override_requested";

    /// <summary>One person's decision on an override: <c>approve</c> (with the role filled) or <c>reject</c>.</summary>
    public const string OverrideDecided = "override_decided";

    /// <summary>Every needed role is filled: the override may be used.</summary>
    public const string OverrideApproved = "override_approved";

    /// <summary>A person rejected the override: it can never be used.</summary>
    public const string OverrideRejected = "override_rejected";

    /// <summary>The approval window passed before it was approved, or before it was used.</summary>
    public const string OverrideExpired = "override_expired";

    /// <summary>The launcher used the approved override, once.</summary>
    public const string OverrideUsed = "override_used";

    /// <summary>A person silenced one check's notifications for a while (the check and the end in the comment); decision <c>silence</c>.</summary>
    public const string CheckAcknowledged = "check_acknowledged";

    public const string Abort = "abort";
    public const string Pending = "pending";
    public const string Refused = "refused";
    public const string Approve = "approve";
    public const string Reject = "reject";
    public const string Proceed = "proceed";
    public const string Expired = "expired";
    public const string Silence = "silence";

    public static IReadOnlyList<string> All { get; } =
        [PreflightFailure, OverrideRequested, OverrideDecided, OverrideApproved, OverrideRejected, OverrideExpired, OverrideUsed, CheckAcknowledged];
}
