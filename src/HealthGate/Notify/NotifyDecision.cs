using HealthGate.Storage;

namespace HealthGate.Notify;

/// <summary>
/// A subject's state change, written only if the subject is still at <see cref="ExpectedVersion"/>, and the message it
/// sends (null when silenced).
/// </summary>
internal sealed record NotifyDecision(long ExpectedVersion, NotifyStateRow Next, NotifyMessage? Message);
