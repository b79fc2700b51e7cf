using HealthGate.Health;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Storage;

namespace HealthGate.Configuration;

/// <summary>The <c>HealthGate</c> configuration section, except <c>Checks</c>, which <see cref="Checks.CheckCatalog"/> binds.</summary>
internal sealed class HealthGateOptions
{
    public const string SectionName = "HealthGate";

    /// <summary>Mode name to the tiers it runs; <c>paper</c> and <c>live</c> get their defaults when not configured.</summary>
    public Dictionary<string, ModeOptions> Modes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ReadinessOptions Readiness { get; set; } = new();

    public PreflightOptions Preflight { get; set; } = new();

    public StorageOptions Storage { get; set; } = new();

    public AuthOptions Auth { get; set; } = new();
}
