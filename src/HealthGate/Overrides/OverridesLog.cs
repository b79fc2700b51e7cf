namespace HealthGate.Overrides;

internal static partial class OverridesLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Override {OverrideId} ({Kind}, mode {Mode}, run {RunId}) requested by {RequestedBy}, awaiting {Awaiting}; op-log entry {Seq}")]
    public static partial void Requested(ILogger logger, long overrideId, string kind, string mode, string? runId, string requestedBy, string awaiting, long seq);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Override {Kind} refused for mode {Mode} (run {RunId}) requested by {RequestedBy}, op-log entry {Seq}: {Cause}")]
    public static partial void Refused(ILogger logger, string kind, string mode, string? runId, long seq, string requestedBy, string cause);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Override observer {Observer} failed for op-log entry {Seq}; the change stays recorded: {Error}")]
    public static partial void ObserverFailed(ILogger logger, string observer, long seq, string error);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "Override {Action} ({Subject}) was NOT recorded, the store failed: {Error}")]
    public static partial void StoreFailed(ILogger logger, string action, string subject, string error);

    [LoggerMessage(EventId = 5008, Level = LogLevel.Warning, Message = "Override {OverrideId} is now {State} ({Entries})")]
    public static partial void Changed(ILogger logger, long overrideId, string state, string entries);

    [LoggerMessage(EventId = 5009, Level = LogLevel.Warning, Message = "Override {OverrideId}: refused with {Status}: {Detail}")]
    public static partial void DecisionRefused(ILogger logger, long overrideId, int status, string detail);

    [LoggerMessage(EventId = 5010, Level = LogLevel.Error, Message = "Override expiry sweep failed; it runs again next period: {Error}")]
    public static partial void ExpirySweepFailed(ILogger logger, string error);
}
