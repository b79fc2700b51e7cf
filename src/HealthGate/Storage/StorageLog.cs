namespace HealthGate.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Storage ready: {Provider} at {Location}")]
    public static partial void Ready(ILogger logger, string provider, string location);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Preflight {RunId} was not recorded in the run history: {Error}")]
    public static partial void RunNotRecorded(ILogger logger, string runId, string error);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Failed preflight {RunId} ({Verdict}) was not written to the operational log: {Error}")]
    public static partial void FailureNotLogged(ILogger logger, string runId, string verdict, string error);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Retention pruned {Count} preflight runs that started before {Cutoff:O}")]
    public static partial void RunsPruned(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Retention could not prune preflight runs: {Error}")]
    public static partial void PruneFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Preflight {RunId} said {Verdict}: written to the operational log as entry {EntryId}")]
    public static partial void FailureLogged(ILogger logger, string runId, string verdict, long entryId);
}
