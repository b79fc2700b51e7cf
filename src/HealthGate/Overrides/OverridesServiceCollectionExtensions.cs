namespace HealthGate.Overrides;

internal static class OverridesServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGateOverrides(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<OverrideRecorder>();
        services.AddHostedService<AuthStartupReport>();
        return services;
    }
}
