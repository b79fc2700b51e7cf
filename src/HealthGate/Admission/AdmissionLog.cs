namespace HealthGate.Admission;

internal static partial class AdmissionLog
{
    [LoggerMessage(EventId = 12201, Level = LogLevel.Information, Message = "Admission {Uid}: allowed {Operation} of {Subject} (mode {Mode}, dry run {DryRun}): {Message}")]
    public static partial void Allowed(ILogger logger, string uid, string operation, string subject, string? mode, bool dryRun, string message);

    [LoggerMessage(EventId = 12202, Level = LogLevel.Warning, Message = "Admission {Uid}: DENIED {Operation} of {Subject} (dry run {DryRun}): {Message}")]
    public static partial void Denied(ILogger logger, string uid, string operation, string subject, bool dryRun, string message);

    [LoggerMessage(EventId = 12203, Level = LogLevel.Warning, Message = "Admission {Uid}: audit mode allowed {Operation} of {Subject} (dry run {DryRun}) that enforcement would deny: {Message}")]
    public static partial void AuditAllowed(ILogger logger, string uid, string operation, string subject, bool dryRun, string message);

    [LoggerMessage(EventId = 12204, Level = LogLevel.Warning, Message = "Admission review unreadable (uid {Uid}), denied: {Problem}")]
    public static partial void Unreadable(ILogger logger, string? uid, string problem);

    [LoggerMessage(EventId = 12205, Level = LogLevel.Error, Message = "Admission {Uid}: the store could not be read, denied: {Error}")]
    public static partial void StoreFailed(ILogger logger, string uid, string error);

    [LoggerMessage(EventId = 12206, Level = LogLevel.Warning, Message = "Admission webhook in AUDIT mode (HealthGate:Admission:Enforce false): it allows every review and only warns about what it would deny")]
    public static partial void AuditMode(ILogger logger);
}
