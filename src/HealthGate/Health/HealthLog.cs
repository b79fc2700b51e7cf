using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Health;

internal static partial class HealthLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Readiness run: {Status}, {Count} checks in {DurationMs:F1} ms")]
    public static partial void ReadinessRun(ILogger logger, HealthStatus status, int count, double durationMs);
}
