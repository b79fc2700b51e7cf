using HealthGate.Desks;
using HealthGate.Health;
using HealthGate.Metrics;
using HealthGate.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthGate.Leadership;

internal static class LeadershipServiceCollectionExtensions
{
    /// <summary>
    /// One prober per desk: on PostgreSQL an advisory-lock election and a shared readiness row; on SQLite the one
    /// process leads and shares nothing.
    /// </summary>
    public static IServiceCollection AddReadinessLeadership(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // The desk this replica serves (Desk:Name): the election's key and the shared row are per desk.
        services.TryAddSingleton(sp => new DeskName(sp.GetRequiredService<IOptions<DeskOptions>>().Value.Name));
        services.AddSingleton<ILeaderElection>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            if (!storage.IsPostgres)
            {
                return new SoleLeader();
            }

            // A proof of the lock that takes longer than a period (or the store's write timeout) is no proof.
            var period = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ReadinessOptions>>().Value.PeriodSeconds);
            var timeout = period < storage.WriteTimeout ? period : storage.WriteTimeout;
            return new AdvisoryLockLeader(storage.EffectiveConnectionString, sp.GetRequiredService<DeskName>(), timeout, sp.GetRequiredService<ILogger<AdvisoryLockLeader>>());
        });
        services.AddSingleton<IReadinessShare>(sp =>
        {
            var storage = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return storage.IsPostgres
                ? new PostgresReadinessShare(storage.EffectiveConnectionString, sp.GetRequiredService<DeskName>(), sp.GetRequiredService<TimeProvider>())
                : new NoReadinessShare();
        });
        // Replaces Health's sole role whichever registration comes first.
        services.Replace(ServiceDescriptor.Singleton<IReadinessRole, ReadinessLeadership>());
        services.AddInstruments<LeadershipMetrics>();
        return services;
    }
}
