namespace HealthGate.Runs;

/// <summary>
/// Told of every completed run, readiness and preflight alike (metrics, transition events, the dashboard, the verdict
/// event): a readiness run after it is published, a preflight after it is recorded. Each is guarded by
/// <see cref="RunNotifier"/>: a throw is logged and stops neither the other observers nor the answer.
/// </summary>
internal interface IRunObserver
{
    Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken);
}
