namespace HealthGate.Logging;

/// <summary>
/// Operator-facing events: check transitions and verdicts; requests (7020) are Serilog's own event, see
/// <see cref="RequestLogEvent"/>. A recovery logs at Information, not Debug, so the all-clear after an Error is
/// visible at the production level.
/// </summary>
internal static partial class LoggingLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Check {Check} ({Tier}, {Type}) went {Previous} -> Unhealthy in {Source}: {Reason}: {Description}")]
    public static partial void CheckBecameUnhealthy(ILogger logger, string check, string tier, string type, string previous, string source, string reason, string description);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Check {Check} ({Tier}, {Type}) went {Previous} -> Degraded in {Source}: {Reason}: {Description}")]
    public static partial void CheckBecameDegraded(ILogger logger, string check, string tier, string type, string previous, string source, string reason, string description);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Check {Check} ({Tier}, {Type}) went {Previous} -> Healthy in {Source}")]
    public static partial void CheckRecovered(ILogger logger, string check, string tier, string type, string previous, string source);

    [LoggerMessage(EventId = 7010, Message = "Verdict {Verdict} (exit code {ExitCode}) for mode {Mode}, run {RunId}, in {DurationMs:F1} ms; not healthy: {NotHealthy}")]
    public static partial void Verdict(ILogger logger, LogLevel level, string verdict, int exitCode, string mode, string runId, double durationMs, string notHealthy);

}
