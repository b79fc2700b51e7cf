namespace HealthGate.Preflight;

internal static partial class PreflightLog
{
    [LoggerMessage(EventId = 7010, Message = "Verdict {Verdict} (exit code {ExitCode}) for mode {Mode}, run {RunId}, in {DurationMs:F1} ms; not healthy: {NotHealthy}")]
    public static partial void Verdict(ILogger logger, LogLevel level, string verdict, int exitCode, string mode, string runId, double durationMs, string notHealthy);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "Preflight observer {Observer} failed for run {RunId} ({Error}); the run stays recorded and answered")]
    public static partial void ObserverFailed(ILogger logger, string observer, string runId, string error);
}
