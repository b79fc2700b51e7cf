using HealthGate.Health;

namespace HealthGate.Leadership;

/// <summary>Where the leader leaves the desk's latest readiness run for the other replicas to serve.</summary>
internal interface IReadinessShare
{
    Task WriteAsync(LedRun run, CancellationToken cancellationToken);

    /// <summary>The latest run the desk's leader shared; null when none has been.</summary>
    Task<LedRun?> ReadAsync(CancellationToken cancellationToken);
}
