using HealthGate.Metrics;
using Prometheus;

namespace HealthGate.Leadership;

/// <summary>
/// <c>healthgate_leader{desk}</c>: 1 on the replica that runs the desk's background readiness checks, else 0; read
/// from the election at each scrape, so it never lags the lead.
/// </summary>
internal sealed class LeadershipMetrics : IInstrumentOwner
{
    public const string Name = "healthgate_leader";

    public LeadershipMetrics(ILeaderElection election, DeskName desk, CollectorRegistry registry, IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(factory);
        var leader = factory.CreateGauge(Name, "1 on the replica that runs the desk's background readiness checks (the leader), else 0.", ["desk"]).WithLabels(desk.Value);
        registry.AddBeforeCollectCallback(() => leader.Set(election.IsLeader ? 1 : 0));
    }
}
