using HealthGate.Checks;
using HealthGate.Runs;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

/// <summary>
/// Runs preflights. A request joins the run of its mode in flight only when that run started at most
/// <c>Preflight:CoalesceWindowMs</c> before the request arrived, so a burst of launchers costs the dependencies
/// one round of checks while no launcher is handed checks that began long before it asked. With several replicas the
/// desk decides (<see cref="IDeskCoalescing"/>): a burst spread over them costs what it costs one. Each run is
/// recorded, then told to the observers, each guarded, then answered; a run that could not be recorded is answered
/// P0_FAIL.
/// </summary>
internal sealed class PreflightService(
    CheckRunner runner,
    PreflightRecorder recorder,
    RunNotifier notifier,
    IDeskCoalescing desk,
    IOptions<PreflightOptions> options,
    CheckConfigurationHash configHash,
    TimeProvider time,
    ILogger<PreflightService> logger)
{
    /// <summary>How long past a run's slowest timeout a joined run may take to be recorded before this replica runs its own.</summary>
    public static readonly TimeSpan RecordAllowance = TimeSpan.FromSeconds(5);

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
            var next = desk.Enabled ? new InFlightRun(arrived) : new InFlightRun(_cap.NextStart(mode, arrived));
            _inFlight[mode] = next;
            if (desk.Enabled)
            {
                next.Run = ExecuteForDeskAsync(mode, tiers, next, time.GetUtcNow());
                return next.Run;
            }

            // The wait is armed here, on the clock reading that decided the start: armed later from a fresh reading,
            // a clock that moved in between would push the start past its allowed instant.
            var wait = time.GetElapsedTime(arrived, next.Started);
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
            return await RunAndRecordAsync(runId: null, mode, tiers);
        }
        finally
        {
            Remove(mode, entry);
        }
    }

    private async Task<PreflightRun> ExecuteForDeskAsync(string mode, IReadOnlySet<CheckTier> tiers, InFlightRun entry, DateTimeOffset arrived)
    {
        await Task.Yield();
        try
        {
            var claim = await ClaimAsync(mode, arrived);
            if (claim.Joined)
            {
                var longest = runner.Checks.Count == 0 ? TimeSpan.Zero : runner.Checks.Max(c => c.Timeout);
                if (await desk.AwaitRunAsync(claim.RunId, claim.StartsAt + longest + RecordAllowance, CancellationToken.None) is { } joined)
                {
                    return joined;
                }

                // The replica that started it died or could not record it: no answer is not a verdict, so run here.
                PreflightLog.JoinedRunMissing(logger, claim.RunId, mode);
                var now = time.GetUtcNow();
                claim = new DeskClaim(RunId.New(now), now, Joined: false);
            }

            // A timer may fire a little before the wall clock reads its instant (they are different clocks): wait again.
            for (var wait = claim.StartsAt - time.GetUtcNow(); wait > TimeSpan.Zero; wait = claim.StartsAt - time.GetUtcNow())
            {
                await Task.Delay(wait, time);
            }

            return await RunAndRecordAsync(claim.RunId, mode, tiers);
        }
        finally
        {
            Remove(mode, entry);
        }
    }

    private async Task<DeskClaim> ClaimAsync(string mode, DateTimeOffset arrived)
    {
        try
        {
            return await desk.ClaimAsync(mode, configHash.Value, arrived, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The store the desk shares is out of reach: this replica runs alone, and the store will not take the run
            // either, so its answer is the record_failed P0_FAIL. Never a verdict borrowed from nowhere.
            PreflightLog.DeskClaimFailed(logger, mode, ex.GetType().Name);
            return new DeskClaim(RunId.New(arrived), arrived, Joined: false);
        }
    }

    private async Task<PreflightRun> RunAndRecordAsync(string? runId, string mode, IReadOnlySet<CheckTier> tiers)
    {
        // Not the caller's token: one launcher hanging up must not cancel the run others wait for.
        var checkRun = await runner.RunAsync(tiers, CancellationToken.None);
        var run = PreflightRun.From(runId ?? RunId.New(checkRun.StartedAt), mode, checkRun) with
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

    private void Remove(string mode, InFlightRun entry)
    {
        lock (_inFlight)
        {
            if (_inFlight.TryGetValue(mode, out var current) && ReferenceEquals(current, entry))
            {
                _inFlight.Remove(mode);
            }
        }
    }

    private sealed class InFlightRun(long started)
    {
        public long Started { get; } = started;

        public Task<PreflightRun> Run { get; set; } = null!;
    }
}
