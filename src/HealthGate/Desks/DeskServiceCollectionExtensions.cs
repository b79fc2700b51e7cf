using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Desks;

internal static class DeskServiceCollectionExtensions
{
    /// <summary>The desk this replica serves (<c>HealthGate:Desk</c>), validated at start; once, whoever asks first (the store needs it).</summary>
    public static IServiceCollection AddHealthGateDesk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(s => s.ServiceType == typeof(IValidateOptions<DeskOptions>)))
        {
            return services;
        }

        services.AddHealthGateSection<DeskOptions, DeskOptionsValidator>(DeskOptions.SectionName);
        return services;
    }
}
