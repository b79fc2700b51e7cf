namespace HealthGate.Dashboard;

internal static partial class DashboardLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Dashboard history seeded with {Results} results from {Runs} stored runs")]
    public static partial void HistorySeeded(ILogger logger, int results, int runs);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Dashboard history could not be read from the store ({Error}); it starts empty")]
    public static partial void HistorySeedFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Debug, Message = "Event stream opened ({Streams} open)")]
    public static partial void StreamOpened(ILogger logger, int streams);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Debug, Message = "Event stream closed ({Streams} open)")]
    public static partial void StreamClosed(ILogger logger, int streams);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Warning, Message = "Event stream refused and its connection closed: {Max} streams are already open ({Refused} refused since the last such line)")]
    public static partial void StreamRefused(ILogger logger, int max, long refused);
}
