namespace HealthGate.Leadership;

internal static partial class LeadershipLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Readiness leadership of desk {Desk} gained: this replica now runs the background readiness checks")]
    public static partial void Gained(ILogger logger, string desk);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Readiness leadership of desk {Desk} lost ({Error}): this replica stops running the background readiness checks")]
    public static partial void Lost(ILogger logger, string desk, string error);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Readiness leadership of desk {Desk} cannot be sought ({Error}); trying again each period")]
    public static partial void Unreachable(ILogger logger, string desk, string error);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "The readiness result of desk {Desk} could not be shared ({Error}): other replicas turn 503 once it is stale")]
    public static partial void ShareFailed(ILogger logger, string desk, string error);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Warning, Message = "The leader's readiness result of desk {Desk} could not be read ({Error}); the previous one ages and turns 503 once stale")]
    public static partial void FollowFailed(ILogger logger, string desk, string error);
}
