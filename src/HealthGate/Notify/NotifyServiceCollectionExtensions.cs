using HealthGate.Configuration;
using HealthGate.Desks;
using HealthGate.Metrics;
using HealthGate.Overrides;
using HealthGate.Runs;
using HealthGate.Secrets;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HealthGate.Notify;

internal static class NotifyServiceCollectionExtensions
{
    /// <summary><c>HealthGate:Notify</c>: the targets, the rules that decide what is sent, the outbox planner and the delivery worker.</summary>
    public static IServiceCollection AddHealthGateNotify(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHealthGateSection<NotifyOptions, NotifyOptionsValidator>(NotifyOptions.SectionName);
        services.AddSingleton<ISecretSource>(sp => sp.GetRequiredService<IOptions<NotifyOptions>>().Value);

        // Acknowledgements replace it with theirs.
        services.TryAddSingleton<INotifySilence, NoSilence>();
        services.AddSingleton<NotifyTargets>();
        services.AddSingleton<NotifyQueue>();
        services.AddSingleton(sp => new NotifyRules(
            sp.GetRequiredService<IOptions<DeskOptions>>().Value.Name,
            sp.GetRequiredService<IOptions<NotifyOptions>>().Value.ReminderInterval,
            sp.GetRequiredService<INotifySilence>()));
        services.AddInstruments<NotifyMetrics>();
        services.AddRunObserver<NotifyObserver>();
        services.AddSingleton<IOverrideObserver>(sp => sp.GetRequiredService<NotifyObserver>());
        // No request logging: a Slack or webhook URL is a credential, and the factory's handlers log every URL.
        services.AddHttpClient(NotifySender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.AddSingleton<NotifySender>();
        services.AddSingleton<NotifyPlanner>();
        services.AddSingleton<OutboxDelivery>();
        services.AddHostedService<NotifyHost>();
        return services;
    }
}
