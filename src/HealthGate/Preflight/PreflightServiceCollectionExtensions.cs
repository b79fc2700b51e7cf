using HealthGate.Metrics;

namespace HealthGate.Preflight;

internal static class PreflightServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGatePreflight(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<PreflightModes>();
        services.AddSingleton<PreflightService>();
        services.AddSingleton<CheckConfigurationHash>();
        services.AddInstruments<PreflightMetrics>();
        services.AddSingleton<IPreflightObserver>(sp => sp.GetRequiredService<PreflightMetrics>());
        return services;
    }
}
