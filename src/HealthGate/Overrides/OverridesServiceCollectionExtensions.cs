using HealthGate.Metrics;

namespace HealthGate.Overrides;

internal static class OverridesServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGateOverrides(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<OverrideRecorder>();
        services.AddInstruments<OverrideMetrics>();
        services.AddSingleton<IOverrideObserver>(sp => sp.GetRequiredService<OverrideMetrics>());
        return services;
    }
}
