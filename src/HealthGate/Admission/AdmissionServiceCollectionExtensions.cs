using HealthGate.Configuration;
using HealthGate.Metrics;

namespace HealthGate.Admission;

internal static class AdmissionServiceCollectionExtensions
{
    /// <summary>The <c>Admission</c> section, the decision service and its counter.</summary>
    public static IServiceCollection AddHealthGateAdmission(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<AdmissionOptions, AdmissionOptionsValidator>(AdmissionOptions.SectionName);
        services.AddSingleton<AdmissionService>();
        services.AddInstruments<AdmissionMetrics>();
        services.AddHostedService<AdmissionStartupReport>();
        return services;
    }
}
