namespace HealthGate.Acknowledgements;

internal static partial class AcknowledgementsLog
{
    [LoggerMessage(EventId = 12101, Level = LogLevel.Warning, Message = "Check {Check} acknowledged by {By} until {Until:O}: its notifications are silenced (the verdict is not); op-log entry {Seq}")]
    public static partial void Acknowledged(ILogger logger, string check, string by, DateTimeOffset until, long seq);

    [LoggerMessage(EventId = 12102, Level = LogLevel.Error, Message = "Could not record the acknowledgement of check {Check}; nothing is silenced: {Error}")]
    public static partial void StoreFailed(ILogger logger, string check, string error);

    [LoggerMessage(EventId = 12103, Level = LogLevel.Error, Message = "Acknowledgement observer {Observer} failed for op-log entry {Seq}; the acknowledgement stays recorded: {Error}")]
    public static partial void ObserverFailed(ILogger logger, string observer, long seq, string error);

    [LoggerMessage(EventId = 12104, Level = LogLevel.Information, Message = "{Count} acknowledgements in force loaded from the store")]
    public static partial void Loaded(ILogger logger, int count);

    [LoggerMessage(EventId = 12105, Level = LogLevel.Warning, Message = "Acknowledgement refused for check {Check} ({Status}): {Detail}")]
    public static partial void Refused(ILogger logger, string check, int status, string detail);

    [LoggerMessage(EventId = 12106, Level = LogLevel.Warning, Message = "Could not load the acknowledgements in force; until they are read again every check notifies: {Error}")]
    public static partial void LoadFailed(ILogger logger, string error);
}
