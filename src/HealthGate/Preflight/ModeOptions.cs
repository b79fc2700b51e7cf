namespace HealthGate.Preflight;

/// <summary>A preflight mode: which tiers it runs.</summary>
internal sealed class ModeOptions
{
    /// <summary>Null until configured: a default list here would be appended to, not replaced, by the binder.</summary>
    public string[]? Tiers { get; set; }
}
