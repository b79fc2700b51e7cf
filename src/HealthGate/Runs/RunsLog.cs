namespace HealthGate.Runs;

/// <summary>The observer failures; their ids predate this room (3002 readiness, 7011 preflight) and are kept.</summary>
internal static partial class RunsLog
{
    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Readiness observer {Observer} failed ({Error}); the run stays published")]
    public static partial void ReadinessObserverFailed(ILogger logger, string observer, string error);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "Preflight observer {Observer} failed for run {RunId} ({Error}); the run stays recorded and answered")]
    public static partial void PreflightObserverFailed(ILogger logger, string observer, string runId, string error);
}
