using HealthGate.Runs;

namespace HealthGate.Preflight;

/// <summary>
/// Coalescing and the run cap across the replicas of a desk. A request this replica cannot join locally asks the desk:
/// either it starts the desk's next run (at once, or later over the cap) or it joins a run another replica started
/// within the coalescing window, whose answer it then waits for.
/// </summary>
internal interface IDeskCoalescing
{
    /// <summary>False on a store that serves one process: the replica's own coalescing and cap are the desk's.</summary>
    bool Enabled { get; }

    /// <summary>The desk's decision for a request of <paramref name="mode"/> that arrived at <paramref name="arrived"/>.</summary>
    Task<DeskClaim> ClaimAsync(string mode, string configHash, DateTimeOffset arrived, CancellationToken cancellationToken);

    /// <summary>The run another replica records under <paramref name="runId"/>, or null when it is not there by <paramref name="deadline"/>.</summary>
    Task<PreflightRun?> AwaitRunAsync(string runId, DateTimeOffset deadline, CancellationToken cancellationToken);
}

/// <summary>The run a request gets: <see cref="Joined"/> false means this replica runs it, starting at <see cref="StartsAt"/>.</summary>
internal sealed record DeskClaim(string RunId, DateTimeOffset StartsAt, bool Joined);

/// <summary>One process, one desk: nothing to ask.</summary>
internal sealed class NoDeskCoalescing : IDeskCoalescing
{
    public bool Enabled => false;

    public Task<DeskClaim> ClaimAsync(string mode, string configHash, DateTimeOffset arrived, CancellationToken cancellationToken) =>
        Task.FromResult(new DeskClaim(RunId.New(arrived), arrived, Joined: false));

    public Task<PreflightRun?> AwaitRunAsync(string runId, DateTimeOffset deadline, CancellationToken cancellationToken) =>
        Task.FromResult<PreflightRun?>(null);
}
