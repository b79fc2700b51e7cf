namespace HealthGate.Preflight;

internal static partial class PreflightLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Preflight {RunId} mode {Mode}: {Verdict} (exit code {ExitCode}) in {DurationMs:F1} ms")]
    public static partial void Completed(ILogger logger, string runId, string mode, string verdict, int exitCode, double durationMs);
}
