using HealthGate.Configuration;
using HealthGate.Leadership;
using HealthGate.Metrics;
using HealthGate.Runs;

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
        services.AddReadinessLeadership();
        services.AddHostedService<ReadinessPublisher>();
        services.AddInstruments<ReadinessMetrics>();
        services.AddSingleton<ISelfCondition, ConfigurationCondition>();
        services.AddSingleton<ISelfCondition, ReadinessLoopCondition>();
        return services;
    }
}
