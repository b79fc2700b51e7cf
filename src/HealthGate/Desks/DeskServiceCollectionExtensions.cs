using HealthGate.Configuration;

namespace HealthGate.Desks;

internal static class DeskServiceCollectionExtensions
{
    /// <summary>The desk this replica serves (<c>HealthGate:Desk</c>), validated at start.</summary>
    public static IServiceCollection AddHealthGateDesk(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<DeskOptions, DeskOptionsValidator>(DeskOptions.SectionName);
        return services;
    }
}
