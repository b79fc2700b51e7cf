using System.Collections.Concurrent;
using HealthGate.Checks;
using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Preflight;

/// <summary>
/// Runs preflights. Concurrent requests for one mode share the run in flight, so a burst of launchers costs
/// the dependencies one round of checks.
/// </summary>
internal sealed class PreflightService(
    CheckRunner runner,
    IEnumerable<IPreflightObserver> observers,
    IOptions<HealthGateOptions> options,
    CheckConfigurationHash configHash)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<PreflightRun>>> _inFlight = new(StringComparer.Ordinal);

    public Task<PreflightRun> RunAsync(string mode, IReadOnlySet<CheckTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return _inFlight.GetOrAdd(mode, m => new Lazy<Task<PreflightRun>>(() => ExecuteAsync(m, tiers))).Value;
    }

    private async Task<PreflightRun> ExecuteAsync(string mode, IReadOnlySet<CheckTier> tiers)
    {
        // Yield first so the entry is in the dictionary before the finally below removes it.
        await Task.Yield();
        try
        {
            // Not the caller's token: one launcher hanging up must not cancel the run others wait for.
            var checkRun = await runner.RunAsync(tiers, CancellationToken.None);
            var run = PreflightRun.From(RunId.New(checkRun.StartedAt), mode, checkRun) with
            {
                ExpiresAt = checkRun.StartedAt.AddSeconds(options.Value.Preflight.VerdictTtlSeconds),
                ConfigHash = configHash.Value,
            };
            foreach (var observer in observers)
            {
                await observer.OnPreflightCompletedAsync(run, CancellationToken.None);
            }

            return run;
        }
        finally
        {
            _inFlight.TryRemove(mode, out _);
        }
    }
}
