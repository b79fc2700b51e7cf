using HealthGate.Audit;

namespace HealthGate.Tests.Audit;

/// <summary>
/// The operations documents' story as the gate records it: a live run fails P1, Olga asks to force-start, Jane
/// (risk-manager) and Bob (cto) approve, the launcher uses it.
/// </summary>
internal static class OverrideStory
{
    public const string RunId = "20251115T085304Z-4f2a9c1e";
    public const string ConfigHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static readonly Actor Olga = new("olga", "Olga Ivanova", Actor.Person);
    public static readonly Actor Jane = new("jane", "Jane Smith", Actor.Person);
    public static readonly Actor Bob = new("bob", "Bob Jones", Actor.Person);
    public static readonly Actor Launcher = new("launcher-prod", "launcher-prod", Actor.Service);

    private static readonly DateTimeOffset At = new(2025, 11, 15, 8, 53, 4, TimeSpan.Zero);

    public static IReadOnlyList<OpLogFailureRecord> Failures { get; } = [new("Strategy orchestrator", "P1", "MT5 import")];

    public static EvidenceRun Run { get; } = new(RunId, "live", Verdicts.P1FailToken, 2, At, ConfigHash,
    [
        new("exchange", "P0", CheckStatuses.Healthy, "ok"),
        new("Strategy orchestrator", "P1", CheckStatuses.Unhealthy, "MT5 import", "ImportError: no module named MetaTrader5"),
        new("disk", "P2", CheckStatuses.Degraded, "low_space"),
    ]);

    public static OverrideRecord Override { get; } = new()
    {
        Id = 12,
        Kind = OverrideRequest.ForceStart,
        Mode = "live",
        RunId = RunId,
        ConfigHash = ConfigHash,
        State = OverrideStates.Used,
        RequestedBy = Olga,
        RequestedAt = At.AddMinutes(10),
        ExpiresAt = At.AddMinutes(40),
        Reason = "Known MT5 import issue, not needed for active strategies",
        Ticket = "#1234",
        Impact = "MT5 strategies stay off",
        Mitigation = "Watch the orchestrator; stop on the first MT5 order",
        Required = ["risk-manager", "cto"],
        Approvals =
        [
            new(Jane, "risk-manager", OpLogEvents.Approve, "ok for today", At.AddMinutes(15)),
            new(Bob, "cto", OpLogEvents.Approve, null, At.AddMinutes(20)),
        ],
        UsedAt = At.AddMinutes(22),
        UsedBy = Launcher,
        UsedForRunId = "20251115T091522Z-0b1c2d3e",
    };

    public static IReadOnlyList<OpLogRecord> Entries(byte[]? signingKey = null)
    {
        var o = Override;
        OpLogRecord[] entries =
        [
            new() { Kind = OpLogEvents.PreflightFailure, Mode = "live", At = At, RunId = RunId, Verdict = Verdicts.P1FailToken, ExitCode = 2, Failures = Failures, Decision = OpLogEvents.Abort, Who = Olga, ConfigHash = ConfigHash },
            new() { Kind = OpLogEvents.OverrideRequested, Mode = "live", At = o.RequestedAt, RunId = RunId, Verdict = Verdicts.P1FailToken, Decision = OpLogEvents.Pending, Who = Olga, OverrideId = o.Id, OverrideKind = o.Kind, Reason = o.Reason, Ticket = o.Ticket, Impact = o.Impact, Mitigation = o.Mitigation, ConfigHash = ConfigHash },
            new() { Kind = OpLogEvents.OverrideDecided, Mode = "live", At = o.Approvals[0].At, RunId = RunId, Decision = OpLogEvents.Approve, Who = Jane, OverrideId = o.Id, OverrideKind = o.Kind, Role = "risk-manager", Comment = "ok for today" },
            new() { Kind = OpLogEvents.OverrideDecided, Mode = "live", At = o.Approvals[1].At, RunId = RunId, Decision = OpLogEvents.Approve, Who = Bob, OverrideId = o.Id, OverrideKind = o.Kind, Role = "cto" },
            new() { Kind = OpLogEvents.OverrideApproved, Mode = "live", At = o.Approvals[1].At, RunId = RunId, OverrideId = o.Id, OverrideKind = o.Kind },
            new() { Kind = OpLogEvents.OverrideUsed, Mode = "live", At = o.UsedAt!.Value, RunId = RunId, Decision = OpLogEvents.Proceed, Who = Launcher, OverrideId = o.Id, OverrideKind = o.Kind, Reason = o.Reason, Ticket = o.Ticket, ConfigHash = ConfigHash },
        ];

        var sealedEntries = new List<OpLogRecord>();
        var previous = OpLogChain.Genesis;
        foreach (var (entry, seq) in entries.Select((e, i) => (e, i + 1)))
        {
            var entrySealed = OpLogChain.Seal(entry with { Seq = seq, PrevHash = previous }, signingKey);
            sealedEntries.Add(entrySealed);
            previous = entrySealed.Hash;
        }

        return sealedEntries;
    }
}
