using Microsoft.Extensions.Options;

namespace HealthGate.Notify;

/// <summary>
/// Runs the planner and the delivery worker when targets are configured; without targets nothing runs and the store's
/// notification tables are never touched.
/// </summary>
internal sealed class NotifyHost(IServiceProvider services, NotifyTargets targets, IOptions<NotifyOptions> options, ILogger<NotifyHost> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!targets.Any)
        {
            return Task.CompletedTask;
        }

        var names = string.Join(", ", targets.All.Select(t => $"{t.Name} ({t.Options.Type})"));
        NotifyLog.Configured(logger, names, options.Value.MinReminderMinutes);
        var planner = services.GetRequiredService<NotifyPlanner>();
        var delivery = services.GetRequiredService<OutboxDelivery>();
        return Task.WhenAll(
            Task.Run(() => planner.RunAsync(stoppingToken), CancellationToken.None),
            Task.Run(() => delivery.RunAsync(stoppingToken), CancellationToken.None));
    }
}
