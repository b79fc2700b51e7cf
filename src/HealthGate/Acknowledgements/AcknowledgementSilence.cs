using HealthGate.Notify;

namespace HealthGate.Acknowledgements;

/// <summary>Notifications' silence: a check is silenced while an acknowledgement of it is in force (from memory, never the store).</summary>
internal sealed class AcknowledgementSilence(AcknowledgementBook book) : INotifySilence
{
    public bool IsSilenced(string check, DateTimeOffset at) => book.IsAcknowledged(check, at);
}
