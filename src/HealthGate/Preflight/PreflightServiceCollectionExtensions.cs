namespace HealthGate.Preflight;

internal static class PreflightServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGatePreflight(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<PreflightModes>();
        services.AddSingleton<PreflightService>();
        services.AddSingleton<CheckConfigurationHash>();
        return services;
    }
}
