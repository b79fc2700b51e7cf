
namespace HealthGate.Preflight;

internal static partial class PreflightLog
{
    [LoggerMessage(EventId = 7010, Message = "Verdict {Verdict} (exit code {ExitCode}) for mode {Mode}, run {RunId}, in {DurationMs:F1} ms; not healthy: {NotHealthy}")]
    public static partial void Verdict(ILogger logger, LogLevel level, string verdict, int exitCode, string mode, string runId, double durationMs, string notHealthy);
}
