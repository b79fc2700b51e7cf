using HealthGate.Runs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prometheus;

namespace HealthGate.Metrics;

internal static class MetricsServiceCollectionExtensions
{
    /// <summary>The <c>/metrics</c> exporter, the series no feature owns (build info, process and runtime) and the check gauges.</summary>
    public static IServiceCollection AddHealthGateMetrics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Only prometheus-net's static default registry is affected, and it is never served; should anything reach
        // it, its meter adapter must not start (promtool flags the `_count` gauges it emits).
        global::Prometheus.Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressMeters = true,
            SuppressEventCounters = true,
            SuppressDebugMetrics = true,
        });
        services.AddInstruments<BuildInfoMetrics>();
        services.AddInstruments<RuntimeMetrics>();

        // The check gauges follow both the background readiness run and every preflight.
        services.AddInstruments<CheckMetrics>();
        services.AddRunObserver<CheckMetrics>();
        services.TryAddSingleton<MetricsExporter>();
        return services;
    }

    /// <summary>
    /// Registers a feature's instruments on the service's registry, one per container: several hosts in one
    /// process (the tests' application factories) must not share counters or scrape callbacks.
    /// </summary>
    public static IServiceCollection AddInstruments<T>(this IServiceCollection services)
        where T : class, IInstrumentOwner
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<CollectorRegistry>(_ => global::Prometheus.Metrics.NewCustomRegistry());
        services.TryAddSingleton<IMetricFactory>(sp => global::Prometheus.Metrics.WithCustomRegistry(sp.GetRequiredService<CollectorRegistry>()));
        services.TryAddSingleton<T>();
        services.AddSingleton<IInstrumentOwner>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
