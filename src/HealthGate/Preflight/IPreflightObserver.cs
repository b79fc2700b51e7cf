namespace HealthGate.Preflight;

/// <summary>Told of every completed preflight run (history, metrics). Must not throw; runs are not retried.</summary>
internal interface IPreflightObserver
{
    Task OnPreflightCompletedAsync(PreflightRun run, CancellationToken cancellationToken);
}
