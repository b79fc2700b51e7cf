using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

/// <summary><c>paper</c> (P0) and <c>live</c> (P0, P1, P2) exist unless configured otherwise; set after binding, so a configured list replaces them.</summary>
internal sealed class ModesOptionsSetup : IPostConfigureOptions<ModesOptions>
{
    public void PostConfigure(string? name, ModesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TryAdd("paper", new() { Tiers = ["P0"] });
        options.TryAdd("live", new() { Tiers = ["P0", "P1", "P2"] });
    }
}
