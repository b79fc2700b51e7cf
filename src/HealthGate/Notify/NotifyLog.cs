namespace HealthGate.Notify;

/// <summary>Notification events (12001-12049). Targets are named, never their URLs, keys or secrets.</summary>
internal static partial class NotifyLog
{
    [LoggerMessage(EventId = 12001, Level = LogLevel.Information, Message = "Notification {DedupKey} delivered to {Target} on attempt {Attempt}, {LatencyMs} ms after it was decided")]
    public static partial void Delivered(ILogger logger, string dedupKey, string target, int attempt, long latencyMs);

    [LoggerMessage(EventId = 12002, Level = LogLevel.Warning, Message = "Notification {DedupKey} to {Target} failed on attempt {Attempt} ({Error}); retried in {RetryMs} ms")]
    public static partial void Retrying(ILogger logger, string dedupKey, string target, int attempt, string error, long retryMs);

    [LoggerMessage(EventId = 12003, Level = LogLevel.Error, Message = "Notification {DedupKey} to {Target} was refused with {Status}; not retried: {Error}")]
    public static partial void Rejected(ILogger logger, string dedupKey, string target, int status, string error);

    [LoggerMessage(EventId = 12004, Level = LogLevel.Error, Message = "Notifications for a {Work} could not be decided or stored; the next run decides again: {Error}")]
    public static partial void PlanFailed(ILogger logger, string work, string error);

    [LoggerMessage(EventId = 12005, Level = LogLevel.Error, Message = "The notification outbox could not be read or updated; it is tried again: {Error}")]
    public static partial void OutboxFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 12006, Level = LogLevel.Debug, Message = "Notification state of {Subject} was changed by another replica first; its message is theirs")]
    public static partial void LostRace(ILogger logger, string subject);

    [LoggerMessage(EventId = 12007, Level = LogLevel.Warning, Message = "Notification queue full: a {Work} was not considered (the next run decides again)")]
    public static partial void QueueFull(ILogger logger, string work);

    [LoggerMessage(EventId = 12008, Level = LogLevel.Information, Message = "Notifications go to {Targets}; reminders every {ReminderMinutes} min")]
    public static partial void Configured(ILogger logger, string targets, int reminderMinutes);

    [LoggerMessage(EventId = 12009, Level = LogLevel.Warning, Message = "Notification {DedupKey} is for target {Target}, which is no longer configured; dropped")]
    public static partial void UnknownTarget(ILogger logger, string dedupKey, string target);

    [LoggerMessage(EventId = 12010, Level = LogLevel.Information, Message = "Notification {DedupKey} decided ({Subject} {Action}) for {Targets}")]
    public static partial void Enqueued(ILogger logger, string dedupKey, string subject, string action, string targets);
}
