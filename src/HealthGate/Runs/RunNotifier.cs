namespace HealthGate.Runs;

/// <summary>
/// Tells every <see cref="IRunObserver"/> of a completed run, each guarded: a failure is logged (3002 for a readiness
/// run, 7011 for a preflight) and the run stays published, recorded and answered.
/// </summary>
internal sealed class RunNotifier(IEnumerable<IRunObserver> observers, ILogger<RunNotifier> logger)
{
    public Task NotifyAsync(CompletedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return GuardedNotify.EachAsync(
            observers,
            observer => observer.OnRunCompletedAsync(run, CancellationToken.None),
            (observer, ex) =>
            {
                if (run.Preflight is { } preflight)
                {
                    RunsLog.PreflightObserverFailed(logger, observer.GetType().Name, preflight.RunId, ex.GetType().Name);
                }
                else
                {
                    RunsLog.ReadinessObserverFailed(logger, observer.GetType().Name, ex.GetType().Name);
                }
            });
    }
}
