
namespace HealthGate.Preflight;

internal static partial class PreflightLog
{
    // 4xxx: the ids of the recording events predate the recorder's move from OpLog/ and are kept.
    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Preflight {RunId} said {Verdict}: written to the operational log as entry {EntryId}")]
    public static partial void FailureLogged(ILogger logger, string runId, string verdict, long entryId);

    [LoggerMessage(EventId = 7010, Message = "Verdict {Verdict} (exit code {ExitCode}) for mode {Mode}, run {RunId}, in {DurationMs:F1} ms; not healthy: {NotHealthy}")]
    public static partial void Verdict(ILogger logger, LogLevel level, string verdict, int exitCode, string mode, string runId, double durationMs, string notHealthy);
}
