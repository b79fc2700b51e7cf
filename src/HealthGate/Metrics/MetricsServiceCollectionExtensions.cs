using HealthGate.Health;
using HealthGate.Overrides;
using HealthGate.Preflight;

namespace HealthGate.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGateMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<GateMetrics>();
        services.AddSingleton<ICheckRunObserver>(sp => sp.GetRequiredService<GateMetrics>());
        services.AddSingleton<IPreflightObserver>(sp => sp.GetRequiredService<GateMetrics>());
        services.AddSingleton<IOverrideObserver>(sp => sp.GetRequiredService<GateMetrics>());
        return services;
    }
}
