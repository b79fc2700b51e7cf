
namespace HealthGate.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Storage ready: {Provider} at {Location}")]
    public static partial void Ready(ILogger logger, string provider, string location);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "SQLite store {DataFile} locked to this process ({LockFile}): a second HealthGate process on it is refused at start")]
    public static partial void SqliteLocked(ILogger logger, string dataFile, string lockFile);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Retention pruned {Count} preflight runs that started before {Cutoff:O} in {Milliseconds:F0} ms")]
    public static partial void RunsPruned(ILogger logger, int count, DateTimeOffset cutoff, double milliseconds);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Retention could not prune preflight runs: {Error}")]
    public static partial void PruneFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Error, Message = "The store stopped taking writes ({Error}): preflights are answered P0_FAIL record_failed and /health/self 503 until a write succeeds")]
    public static partial void WritesFailing(ILogger logger, string error);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "The store takes writes again, after {Seconds:F0} s of failed writes")]
    public static partial void WritesAgain(ILogger logger, double seconds);
}
