using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Health;
using HealthGate.OpLog;
using HealthGate.Preflight;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The store named by <c>HealthGate:Storage:Provider</c>, its schema at start, retention, run recording, and its writability (probe and self-condition).</summary>
    public static IServiceCollection AddHealthGateStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        services.AddSingleton<ISecretSource>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        services.AddSingleton<StoreWriteState>();
        services.AddSingleton<StoreWriteGuard>();
        services.AddSingleton<IGateStore, ConfiguredGateStore>();
        services.AddSingleton<StoreInitializer>();
        services.AddHostedService<RunRetention>();
        services.AddHostedService<StoreProbe>();
        services.AddSingleton<ISelfCondition, StoreCondition>();
        services.AddSingleton<IPreflightRecorder, PreflightRecorder>();
        return services;
    }

    /// <summary>Prepares the schema before the host starts (and so before the retention job first runs).</summary>
    public static Task PrepareHealthGateStoreAsync(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<StoreInitializer>().PrepareAsync(CancellationToken.None);
    }
}
