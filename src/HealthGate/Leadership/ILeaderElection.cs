namespace HealthGate.Leadership;

/// <summary>Which replica of the desk runs the background readiness checks: asked once per readiness period.</summary>
internal interface ILeaderElection
{
    /// <summary>True only while this replica holds the lead, as of its latest <see cref="TryLeadAsync"/>.</summary>
    bool IsLeader { get; }

    /// <summary>Takes the lead if it is free, or proves it is still held; false when another replica leads or the proof fails.</summary>
    ValueTask<bool> TryLeadAsync(CancellationToken cancellationToken);
}
