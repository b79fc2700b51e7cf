namespace HealthGate.Replication;

/// <summary>The PostgreSQL notification channels the replicas of a store share. A payload is an id only: the content is read from the store.</summary>
internal static class ReplicaChannels
{
    /// <summary>A recorded preflight; the payload is its run id.</summary>
    public const string Runs = "healthgate_runs";

    /// <summary>A durable override change; the payload is the override id.</summary>
    public const string Overrides = "healthgate_overrides";

    /// <summary>A durable acknowledgement; the payload is its id.</summary>
    public const string Acknowledgements = "healthgate_acknowledgements";
}
