namespace HealthGate.Preflight;

/// <summary>Told of every completed preflight run after it is recorded (metrics, logs); each is guarded by the preflight service.</summary>
internal interface IPreflightObserver
{
    Task OnPreflightCompletedAsync(PreflightRun run, CancellationToken cancellationToken);
}
