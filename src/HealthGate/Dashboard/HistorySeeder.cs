using HealthGate.Storage;

namespace HealthGate.Dashboard;

/// <summary>
/// Fills the history from the store's recent preflights at start, so the page does not open blank after a
/// restart. A store that cannot be read only costs the old history: the gate itself does not depend on it.
/// </summary>
internal sealed class HistorySeeder(IRunStore store, CheckHistory history, ILogger<HistorySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var runs = await store.ListRunsAsync(mode: null, CheckHistory.Capacity, cancellationToken);
            var seeded = history.Seed(runs);
            DashboardLog.HistorySeeded(logger, seeded, runs.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The type only: a store exception's message may quote its connection string.
            DashboardLog.HistorySeedFailed(logger, ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
