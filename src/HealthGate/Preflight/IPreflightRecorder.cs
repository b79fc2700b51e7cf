namespace HealthGate.Preflight;

/// <summary>
/// Makes a completed run durable (history, and the operational log for a no-go) before anyone else hears of it or
/// the launcher gets its answer, so a force-start can always name the run. Must not throw: a store failure is logged.
/// </summary>
internal interface IPreflightRecorder
{
    Task RecordAsync(PreflightRun run, CancellationToken cancellationToken);
}
