using HealthGate.Preflight;

namespace HealthGate.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The store named by <c>HealthGate:Storage:Provider</c>, its schema at start, retention, and run recording.</summary>
    public static IServiceCollection AddHealthGateStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IGateStore, ConfiguredGateStore>();

        // Registered before the retention job, so the schema exists when it first runs.
        services.AddHostedService<StoreInitializer>();
        services.AddHostedService<RunRetention>();
        services.AddSingleton<IPreflightObserver, PreflightRecorder>();
        return services;
    }
}
