using HealthGate.Runs;

namespace HealthGate.Preflight;

/// <summary>
/// Makes a completed run durable (history, and the operational log for a no-go) before anyone else hears of it or
/// the launcher gets its answer, so a force-start can always name the run. Returns the run to answer: the run itself
/// once durable, else its <see cref="UnrecordedRun"/> (P0_FAIL, <c>record_failed</c>). Must not throw.
/// </summary>
internal interface IPreflightRecorder
{
    Task<PreflightRun> RecordAsync(PreflightRun run, CancellationToken cancellationToken);
}
