
namespace HealthGate.Preflight;

internal static partial class PreflightLog
{
    // 4xxx: the ids of the recording events predate the recorder's move from OpLog/ and are kept.
    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Preflight {RunId} said {Verdict}: written to the operational log as entry {EntryId}")]
    public static partial void FailureLogged(ILogger logger, string runId, string verdict, long entryId);

    [LoggerMessage(EventId = 7010, Message = "Verdict {Verdict} (exit code {ExitCode}) for mode {Mode}, run {RunId}, in {DurationMs:F1} ms; not healthy: {NotHealthy}")]
    public static partial void Verdict(ILogger logger, LogLevel level, string verdict, int exitCode, string mode, string runId, double durationMs, string notHealthy);

    [LoggerMessage(EventId = 7020, Level = LogLevel.Warning, Message = "The desk could not be asked about a {Mode} preflight ({Error}): this replica runs it alone")]
    public static partial void DeskClaimFailed(ILogger logger, string mode, string error);

    [LoggerMessage(EventId = 7021, Level = LogLevel.Warning, Message = "Run {RunId} ({Mode}), started by another replica, was not recorded in time: this replica runs its own")]
    public static partial void JoinedRunMissing(ILogger logger, string runId, string mode);
}
