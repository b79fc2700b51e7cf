using HealthGate.Configuration;
using HealthGate.Metrics;
using HealthGate.Runs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

internal static class PreflightServiceCollectionExtensions
{
    public static IServiceCollection AddHealthGatePreflight(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<PreflightOptions, PreflightOptionsValidator>(PreflightOptions.SectionName);
        services.AddHealthGateSection<ModesOptions, ModesOptionsValidator>(ModesOptions.SectionName);
        services.AddSingleton<IPostConfigureOptions<ModesOptions>, ModesOptionsSetup>();
        services.AddSingleton<PreflightModes>();
        services.AddPreflightClientRateLimit();
        services.AddRunNotifier();
        services.AddSingleton<PreflightRecorder>();
        services.TryAddSingleton<IDeskCoalescing, NoDeskCoalescing>();
        services.AddSingleton<PreflightService>();
        services.AddSingleton<CheckConfigurationHash>();
        services.AddInstruments<PreflightMetrics>();
        services.AddRunObserver<PreflightMetrics>();
        services.AddRunObserver<VerdictLogger>();
        return services;
    }
}
