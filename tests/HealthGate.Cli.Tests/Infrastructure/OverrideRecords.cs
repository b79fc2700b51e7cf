namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// Overrides as the gate would serve them, for a fake gate: requested by Olga (operator), approved by Jane
/// (risk-manager) and Bob (cto), for the canned P1_FAIL run and its configuration unless a test says otherwise.
/// </summary>
internal static class OverrideRecords
{
    public const long Id = 42;

    public static readonly Actor Olga = new("olga", "Olga Ivanova", Actor.Person);
    public static readonly Actor Jane = new("jane", "Jane Smith", Actor.Person);
    public static readonly Actor Bob = new("bob", "Bob Jones", Actor.Person);
    public static readonly Actor Launcher = new("launcher-prod", "launcher-prod", Actor.Service);

    public static DateTimeOffset RequestedAt { get; } = DateTimeOffset.UtcNow.AddMinutes(-5);

    public static OverrideRecord Pending(string kind = OverrideRequest.ForceStart, string mode = "live", string? runId = CannedPreflight.RunId, long id = Id) => new()
    {
        Id = id,
        Kind = kind,
        Mode = mode,
        RunId = kind == OverrideRequest.ForceStart ? runId : null,
        ConfigHash = "sha256:c0ffee",
        State = OverrideStates.Pending,
        RequestedBy = Olga,
        RequestedAt = RequestedAt,
        ExpiresAt = RequestedAt.AddMinutes(30),
        Reason = "known MT5 import issue",
        Ticket = "OPS-1234",
        Impact = "MT5 strategies idle",
        Mitigation = "watch the desk, kill switch armed",
        Required = ["risk-manager", "cto"],
        Awaiting = ["risk-manager", "cto"],
    };

    public static OverrideRecord HalfApproved(OverrideRecord pending) => pending with
    {
        Awaiting = ["cto"],
        Approvals = [new ApprovalRecord(Jane, "risk-manager", OpLogEvents.Approve, "ok for today", RequestedAt.AddMinutes(1))],
    };

    public static OverrideRecord Approved(OverrideRecord pending) => pending with
    {
        State = OverrideStates.Approved,
        Awaiting = [],
        Approvals =
        [
            new ApprovalRecord(Jane, "risk-manager", OpLogEvents.Approve, "ok for today", RequestedAt.AddMinutes(1)),
            new ApprovalRecord(Bob, "cto", OpLogEvents.Approve, null, RequestedAt.AddMinutes(2)),
        ],
    };

    public static OverrideRecord Approved(string kind = OverrideRequest.ForceStart, string mode = "live", string? runId = CannedPreflight.RunId) =>
        Approved(Pending(kind, mode, runId));

    public static OverrideRecord Rejected(OverrideRecord pending) => pending with
    {
        State = OverrideStates.Rejected,
        Approvals = [new ApprovalRecord(Bob, null, OpLogEvents.Reject, "fix the feed first", RequestedAt.AddMinutes(2))],
    };

    public static OverrideRecord Expired(OverrideRecord pending) => pending with { State = OverrideStates.Expired };

    public static OverrideRecord Used(OverrideRecord approved, string? forRun) => approved with
    {
        State = OverrideStates.Used,
        UsedAt = DateTimeOffset.UtcNow,
        UsedBy = Olga,
        UsedForRunId = forRun,
    };
}
