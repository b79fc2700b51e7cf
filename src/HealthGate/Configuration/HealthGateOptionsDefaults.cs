using Microsoft.Extensions.Options;

namespace HealthGate.Configuration;

/// <summary>Fills in the defaults that cannot be initialisers (lists the binder would append to).</summary>
internal sealed class HealthGateOptionsDefaults : IPostConfigureOptions<HealthGateOptions>
{
    public void PostConfigure(string? name, HealthGateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Modes.TryAdd("paper", new() { Tiers = ["P0"] });
        options.Modes.TryAdd("live", new() { Tiers = ["P0", "P1", "P2"] });
        options.Readiness.Tiers ??= ["P0"];
    }
}
