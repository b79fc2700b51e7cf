using HealthGate.Checks;

namespace HealthGate.Health;

/// <summary>Told of every background readiness run (metrics, transition logging), after it is published; guarded by the publisher.</summary>
internal interface ICheckRunObserver
{
    void OnCheckRunCompleted(CheckRun run);
}
