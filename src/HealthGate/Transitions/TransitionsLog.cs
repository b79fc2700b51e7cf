namespace HealthGate.Transitions;

/// <summary>One event per status change of a check, whichever run saw it (ids 7001-7003, kept from when they lived in ChecksLog).</summary>
internal static partial class TransitionsLog
{
    // A recovery logs at Information, not Debug, so the all-clear after an Error shows at the production level.
    [LoggerMessage(EventId = 7001, Level = LogLevel.Error, Message = "Check {Check} ({Tier}, {Type}) went {Previous} -> Unhealthy in {Source}: {Reason}: {Description}")]
    public static partial void CheckBecameUnhealthy(ILogger logger, string check, string tier, string type, string previous, string source, string reason, string description);
    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Check {Check} ({Tier}, {Type}) went {Previous} -> Degraded in {Source}: {Reason}: {Description}")]
    public static partial void CheckBecameDegraded(ILogger logger, string check, string tier, string type, string previous, string source, string reason, string description);
    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Check {Check} ({Tier}, {Type}) went {Previous} -> Healthy in {Source}")]
    public static partial void CheckRecovered(ILogger logger, string check, string tier, string type, string previous, string source);
}
