using HealthGate.Checks;

namespace HealthGate.Health;

/// <summary>The latest background run of the readiness checks; probes read it and never run checks.</summary>
internal sealed class ReadinessState
{
    private volatile CheckRun? _latest;

    public CheckRun? Latest => _latest;

    public void Publish(CheckRun run) => _latest = run;
}
