using HealthGate.Health;
using HealthGate.Preflight;

namespace HealthGate.Logging;

internal static class LoggingServiceCollectionExtensions
{
    /// <summary>The transition and verdict events, fed by the readiness runs and the preflights.</summary>
    public static IServiceCollection AddHealthGateLogging(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<CheckTransitionTracker>();
        services.AddSingleton<ICheckRunObserver>(sp => sp.GetRequiredService<CheckTransitionTracker>());
        services.AddSingleton<IPreflightObserver>(sp => sp.GetRequiredService<CheckTransitionTracker>());
        services.AddSingleton<IPreflightObserver, VerdictLogger>();
        return services;
    }

    public static IApplicationBuilder UseHealthGateRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<RequestLoggingMiddleware>();
    }
}
