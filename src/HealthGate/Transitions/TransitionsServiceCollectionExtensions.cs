using HealthGate.Runs;

namespace HealthGate.Transitions;

internal static class TransitionsServiceCollectionExtensions
{
    /// <summary>One log event per status change of a check, whichever run saw it: readiness or a preflight.</summary>
    public static IServiceCollection AddHealthGateTransitions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddRunObserver<CheckTransitionTracker>();
    }
}
