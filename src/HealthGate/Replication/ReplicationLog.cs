namespace HealthGate.Replication;

internal static partial class ReplicationLog
{
    [LoggerMessage(EventId = 11501, Level = LogLevel.Information, Message = "Listening for other replicas' runs and overrides on PostgreSQL (backend {Pid})")]
    public static partial void Listening(ILogger logger, int pid);

    [LoggerMessage(EventId = 11502, Level = LogLevel.Warning, Message = "The replica listener lost its connection ({Error}); reconnecting in {DelayMs} ms, then catching up from the store")]
    public static partial void ListenerLost(ILogger logger, string error, long delayMs);

    [LoggerMessage(EventId = 11503, Level = LogLevel.Information, Message = "Caught up {Runs} runs and {Overrides} override changes from the store that other replicas made while this one was not listening")]
    public static partial void CaughtUp(ILogger logger, int runs, int overrides);

    [LoggerMessage(EventId = 11504, Level = LogLevel.Warning, Message = "Could not tell the other replicas of {Channel} {Id} ({Error}); they see it when they next catch up")]
    public static partial void NotifyFailed(ILogger logger, string channel, string id, string error);

    [LoggerMessage(EventId = 11505, Level = LogLevel.Warning, Message = "Could not read {Channel} {Id} another replica announced ({Error})")]
    public static partial void ReadFailed(ILogger logger, string channel, string id, string error);
}
