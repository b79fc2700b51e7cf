using HealthGate.Configuration;
using HealthGate.Metrics;
using HealthGate.Runs;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthGate.Health;

internal static class HealthServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGateReadiness(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<ReadinessOptions, ReadinessOptionsValidator>(ReadinessOptions.SectionName);
        services.AddSingleton<ReadinessState>();
        services.AddSingleton<ReadinessSmoothing>();
        services.AddRunNotifier();
        // Alone unless a leadership (PostgreSQL replicas) replaces it: Health never depends on how the lead is held.
        services.TryAddSingleton<IReadinessRole, SoleReadinessRole>();
        services.AddHostedService<ReadinessPublisher>();
        services.AddInstruments<ReadinessMetrics>();
        services.AddSingleton<ISelfCondition, ConfigurationCondition>();
        services.AddSingleton<ISelfCondition, ReadinessLoopCondition>();
        return services;
    }
}
