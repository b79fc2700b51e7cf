namespace HealthGate.Notify;

/// <summary>
/// Whether a check's notifications are silenced (acknowledged) at a time. Silence holds back triggers and reminders,
/// never a recovery, and never changes a verdict.
/// </summary>
internal interface INotifySilence
{
    bool IsSilenced(string check, DateTimeOffset at);
}
