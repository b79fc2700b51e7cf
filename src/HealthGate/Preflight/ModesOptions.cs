namespace HealthGate.Preflight;

/// <summary><c>HealthGate:Modes</c>: mode name (case-insensitive) to the tiers it runs.</summary>
internal sealed class ModesOptions() : Dictionary<string, ModeOptions>(StringComparer.OrdinalIgnoreCase)
{
    public const string SectionName = "Modes";
}
