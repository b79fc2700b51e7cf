using HealthGate.Acknowledgements;
using HealthGate.Overrides;
using HealthGate.Runs;

namespace HealthGate.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    /// <summary>The check history and event stream behind <c>/checks</c>, <c>/events</c> and <c>/ui</c>, fed by both kinds of run and by override changes.</summary>
    public static IServiceCollection AddHealthGateDashboard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<CheckHistory>();
        services.AddSingleton<DashboardEvents>();
        services.AddSingleton<StreamRefusals>();
        services.AddRunObserver<DashboardFeed>();
        services.AddSingleton<IOverrideObserver, OverrideFeed>();
        services.AddSingleton<IAcknowledgementObserver, AcknowledgementFeed>();
        services.AddHostedService<HistorySeeder>();
        return services;
    }
}
