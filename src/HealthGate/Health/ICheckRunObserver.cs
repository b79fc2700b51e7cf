using HealthGate.Checks;

namespace HealthGate.Health;

/// <summary>Told of every background readiness run (metrics, transition logging). Must not throw.</summary>
internal interface ICheckRunObserver
{
    void OnCheckRunCompleted(CheckRun run);
}
