
namespace HealthGate.Overrides;

internal static partial class OverridesLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Override {Kind} recorded for mode {Mode} (run {RunId}) as entry {EntryId}: operator {Operator}, approvers {Approvers}, ticket {Ticket}")]
    public static partial void Recorded(ILogger logger, string kind, string mode, string? runId, long entryId, string? @operator, string approvers, string? ticket);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Override {Kind} refused for mode {Mode} (run {RunId}), recorded as entry {EntryId}: {Cause}")]
    public static partial void Refused(ILogger logger, string kind, string mode, string? runId, long entryId, string cause);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Error, Message = "Override observer {Observer} failed for entry {EntryId}; the override stays recorded: {Error}")]
    public static partial void ObserverFailed(ILogger logger, string observer, long entryId, string error);

    [LoggerMessage(EventId = 5007, Level = LogLevel.Error, Message = "Override {Kind} for mode {Mode} was NOT recorded, the store failed: {Error}")]
    public static partial void StoreFailed(ILogger logger, string kind, string mode, string error);
}
