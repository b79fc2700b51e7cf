namespace HealthGate.Health;

/// <summary>
/// This replica's part in the desk's background readiness, asked each period: lead (run the checks, then share the
/// run) or follow (publish the run the leader shared). One process alone always leads (<see cref="SoleReadinessRole"/>).
/// </summary>
internal interface IReadinessRole
{
    /// <summary>True when this replica runs the checks this period.</summary>
    ValueTask<bool> LeadAsync(CancellationToken cancellationToken);

    /// <summary>Leaves the leader's run for the followers; never throws for a failed write (the result ages instead).</summary>
    Task ShareAsync(LedRun run, CancellationToken cancellationToken);

    /// <summary>The latest run the leader shared, or null (none, or unreadable: the one published before ages instead).</summary>
    Task<LedRun?> FollowAsync(CancellationToken cancellationToken);
}
