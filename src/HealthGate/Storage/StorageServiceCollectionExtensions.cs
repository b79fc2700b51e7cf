using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Desks;
using HealthGate.Health;
using HealthGate.Secrets;
using Microsoft.Extensions.Options;

namespace HealthGate.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>The store named by <c>HealthGate:Storage:Provider</c> (runs and operational log), its schema at start, retention, and its writability (probe and self-condition).</summary>
    public static IServiceCollection AddHealthGateStorage(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        services.AddSingleton<ISecretSource>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value);
        services.AddHealthGateSection<AuditOptions, AuditOptionsValidator>(AuditOptions.SectionName);
        services.AddSingleton<ISecretSource>(sp => sp.GetRequiredService<IOptions<AuditOptions>>().Value);
        services.AddHealthGateDesk();
        services.AddSingleton<StoreWriteState>();
        services.AddSingleton<StoreWriteGuard>();

        // One database, a store per aggregate, scoped to this replica's desk: features take the runs or the op-log store, never the database.
        services.AddSingleton<IGateStore>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            var guard = sp.GetRequiredService<StoreWriteGuard>();
            var time = sp.GetRequiredService<TimeProvider>();
            var signingKey = sp.GetRequiredService<IOptions<AuditOptions>>().Value.SigningKeyBytes;
            var desk = sp.GetRequiredService<IOptions<DeskOptions>>().Value.Name;
            return storage.IsPostgres
                ? new PostgresGateStore(storage.EffectiveConnectionString, time, guard, signingKey, desk)
                : new SqliteGateStore(storage.EffectiveConnectionString, time, guard, signingKey, desk);
        });
        services.AddSingleton<IRunStore>(sp => sp.GetRequiredService<IGateStore>());
        services.AddSingleton<IOpLogStore>(sp => sp.GetRequiredService<IGateStore>());
        services.AddSingleton<IOverrideStore>(sp => sp.GetRequiredService<IGateStore>());
        services.AddSingleton<IAcknowledgementStore>(sp => sp.GetRequiredService<IGateStore>());
        services.AddSingleton<INotifyStore>(sp => sp.GetRequiredService<IGateStore>() as INotifyStore
            ?? throw new InvalidOperationException("the store keeps no notification outbox"));
        services.AddSingleton<StoreInitializer>();
        services.AddHostedService<RunRetention>();
        services.AddHostedService<StoreProbe>();
        services.AddSingleton<ISelfCondition, StoreCondition>();
        return services;
    }

    /// <summary>Prepares the schema before the host starts (and so before the retention job first runs).</summary>
    public static Task PrepareHealthGateStoreAsync(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<StoreInitializer>().PrepareAsync(CancellationToken.None);
    }
}
