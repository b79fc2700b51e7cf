using HealthGate.Checks;
using HealthGate.Runs;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

/// <summary>
/// Runs preflights. A request joins the run of its mode in flight only when that run started at most
/// <c>Preflight:CoalesceWindowMs</c> before the request arrived, so a burst of launchers costs the dependencies
/// one round of checks while no launcher is handed checks that began long before it asked. Each run is recorded,
/// then told to the observers, each guarded, then answered; a run that could not be recorded is answered P0_FAIL.
/// </summary>
internal sealed class PreflightService(
    CheckRunner runner,
    PreflightRecorder recorder,
    RunNotifier notifier,
    IOptions<PreflightOptions> options,
    CheckConfigurationHash configHash,
    TimeProvider time)
{
    private readonly Dictionary<string, InFlightRun> _inFlight = new(StringComparer.Ordinal);
    private readonly TimeSpan _window = TimeSpan.FromMilliseconds(options.Value.CoalesceWindowMs);
    private readonly RunCap _cap = new(options.Value.MaxRunsPerSecond, time);

    public Task<PreflightRun> RunAsync(string mode, IReadOnlySet<CheckTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(mode);
        var arrived = time.GetTimestamp();
        lock (_inFlight)
        {
            if (_inFlight.TryGetValue(mode, out var current) && time.GetElapsedTime(current.Started, arrived) <= _window)
            {
                return current.Run;
            }

            // Either nothing is in flight or the run in flight is too old to stand for this request: start afresh,
            // at once or, over the cap, at the next allowed instant (requests until then join it). The older run still
            // completes for those who joined it.
            var start = _cap.NextStart(mode, arrived);
            var next = new InFlightRun(start);
            _inFlight[mode] = next;

            // The wait is armed here, on the clock reading that decided the start: armed later from a fresh reading,
            // a clock that moved in between would push the start past its allowed instant.
            var wait = time.GetElapsedTime(arrived, start);
            next.Run = ExecuteAsync(mode, tiers, next, wait > TimeSpan.Zero ? Task.Delay(wait, time) : Task.CompletedTask);
            return next.Run;
        }
    }

    private async Task<PreflightRun> ExecuteAsync(string mode, IReadOnlySet<CheckTier> tiers, InFlightRun entry, Task startAllowed)
    {
        // Yield first so the entry is published (under the lock) before the finally below can remove it.
        await Task.Yield();
        try
        {
            // Over the cap the run starts at its allowed instant.
            await startAllowed;

            // Not the caller's token: one launcher hanging up must not cancel the run others wait for.
            var checkRun = await runner.RunAsync(tiers, CancellationToken.None);
            var run = PreflightRun.From(RunId.New(checkRun.StartedAt), mode, checkRun) with
            {
                ExpiresAt = checkRun.StartedAt.AddSeconds(options.Value.VerdictTtlSeconds),
                ConfigHash = configHash.Value,
            };
            // Durable first, then told: the order is here, not in the order of registrations. A run the store did not
            // take is answered, and told, as its record_failed replacement.
            var answered = await recorder.RecordAsync(run, CancellationToken.None);
            await notifier.NotifyAsync(CompletedRun.OfPreflight(answered));
            return answered;
        }
        finally
        {
            lock (_inFlight)
            {
                if (_inFlight.TryGetValue(mode, out var current) && ReferenceEquals(current, entry))
                {
                    _inFlight.Remove(mode);
                }
            }
        }
    }

    private sealed class InFlightRun(long started)
    {
        public long Started { get; } = started;

        public Task<PreflightRun> Run { get; set; } = null!;
    }
}
