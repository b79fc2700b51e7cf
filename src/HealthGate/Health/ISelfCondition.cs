namespace HealthGate.Health;

/// <summary>
/// One condition of the gate itself being able to give verdicts (<c>/health/self</c>), told by the feature that owns
/// it. It reads state kept in memory: a probe never reaches a dependency or the desk's checks.
/// </summary>
internal interface ISelfCondition
{
    /// <summary>The condition's key in the body: <c>configuration</c>, <c>store</c>, <c>readiness-loop</c>.</summary>
    string Name { get; }

    SelfCondition Evaluate(DateTimeOffset now);
}
