using HealthGate.Health;
using HealthGate.Preflight;

namespace HealthGate.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    /// <summary>The check history and event stream behind <c>/checks</c>, <c>/events</c> and <c>/ui</c>, fed by both kinds of run.</summary>
    public static IServiceCollection AddHealthGateDashboard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<CheckHistory>();
        services.AddSingleton<DashboardEvents>();
        services.AddSingleton<StreamRefusals>();
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton<ICheckRunObserver>(sp => sp.GetRequiredService<DashboardFeed>());
        services.AddSingleton<IPreflightObserver>(sp => sp.GetRequiredService<DashboardFeed>());
        services.AddHostedService<HistorySeeder>();
        return services;
    }
}
