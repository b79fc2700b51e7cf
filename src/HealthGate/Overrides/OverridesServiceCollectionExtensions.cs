using HealthGate.Configuration;
using HealthGate.Metrics;

namespace HealthGate.Overrides;

internal static class OverridesServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGateOverrides(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<OverridesOptions, OverridesOptionsValidator>(OverridesOptions.SectionName);
        services.AddSingleton<OverridePolicies>();
        services.AddSingleton<OverrideService>();
        services.AddHostedService<OverrideExpiry>();
        services.AddInstruments<OverrideMetrics>();
        services.AddSingleton<IOverrideObserver>(sp => sp.GetRequiredService<OverrideMetrics>());
        return services;
    }
}
