using HealthGate.Acknowledgements;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Runs;

namespace HealthGate.Replication;

internal static class ReplicationServiceCollectionExtensions
{
    /// <summary>
    /// One state on every replica of a PostgreSQL store: runs and override changes are announced with <c>NOTIFY</c>
    /// and every replica feeds the others' into its dashboard. Does nothing on SQLite (one process).
    /// </summary>
    public static IServiceCollection AddHealthGateReplication(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<ReplicaConnections>();
        services.AddSingleton<ReplicaChannels>();
        services.AddSingleton(sp => new SeenRuns(sp.GetRequiredService<TimeProvider>().GetUtcNow()));
        services.AddSingleton<RunArrivals>();
        services.AddSingleton<IDeskCoalescing, PostgresDeskCoalescing>();
        services.AddRunObserver<ReplicaRelay>();
        services.AddSingleton<IOverrideObserver>(sp => sp.GetRequiredService<ReplicaRelay>());
        services.AddSingleton<IAcknowledgementObserver>(sp => sp.GetRequiredService<ReplicaRelay>());
        services.AddSingleton<ReplicaListener>();
        services.AddHostedService(sp => sp.GetRequiredService<ReplicaListener>());
        return services;
    }
}
