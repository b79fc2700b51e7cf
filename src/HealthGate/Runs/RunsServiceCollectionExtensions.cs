using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HealthGate.Runs;

internal static class RunsServiceCollectionExtensions
{
    /// <summary>The notifier that tells every <see cref="IRunObserver"/>; registered by whoever completes runs.</summary>
    public static IServiceCollection AddRunNotifier(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<RunNotifier>();
        return services;
    }

    /// <summary>Registers <typeparamref name="T"/> once as a singleton that hears every completed run, and the notifier.</summary>
    public static IServiceCollection AddRunObserver<T>(this IServiceCollection services)
        where T : class, IRunObserver
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<T>();
        services.AddSingleton<IRunObserver>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
