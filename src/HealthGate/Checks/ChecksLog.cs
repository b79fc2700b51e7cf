namespace HealthGate.Checks;

/// <summary>Log messages of the check engine. Level follows health: Healthy Debug, Degraded Warning, Unhealthy Error.</summary>
internal static partial class ChecksLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Check {Check} is Healthy in {DurationMs:F1} ms")]
    public static partial void CheckHealthy(ILogger logger, string check, double durationMs);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Check {Check} is Degraded ({Reason}) in {DurationMs:F1} ms: {Description}")]
    public static partial void CheckDegraded(ILogger logger, string check, string reason, double durationMs, string description);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "Check {Check} is Unhealthy ({Reason}) in {DurationMs:F1} ms: {Description}")]
    public static partial void CheckUnhealthy(ILogger logger, string check, string reason, double durationMs, string description);

    // The exception object is not logged: its message may quote a connection string; the redacted text is.
    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Check {Check} threw; reported as Unhealthy: {Exception}")]
    public static partial void CheckThrew(ILogger logger, string check, string exception);
}
