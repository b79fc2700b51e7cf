namespace HealthGate.Notify;

/// <summary>The default <see cref="INotifySilence"/>: nothing is silenced until acknowledgements register their own.</summary>
internal sealed class NoSilence : INotifySilence
{
    public bool IsSilenced(string check, DateTimeOffset at) => false;
}
