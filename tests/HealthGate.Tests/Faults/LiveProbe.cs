using System.Globalization;

namespace HealthGate.Tests.Faults;

/// <summary>
/// One <c>/health/live</c> probe taken during a fault, with what the machine withheld meanwhile: how long a stand-in in
/// the test process, no fault near it, took when asked at the same moment (the test process's own delay), and how
/// long the gate's threads waited for a CPU while ready to run (the kernel's account).
/// </summary>
public sealed record LiveProbe(int Status, TimeSpan Elapsed, TimeSpan StandIn, TimeSpan GateRunQueue)
{
    /// <summary>A stall this long or longer: the probe proves nothing about the gate alone.</summary>
    public static readonly TimeSpan MachineStall = TimeSpan.FromMilliseconds(50);

    /// <summary>The gate's promise to Kubernetes, never widened for a busy machine.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(100);

    /// <summary>What the machine, not the gate, added to the probe.</summary>
    public TimeSpan Stall => StandIn + (GateRunQueue > TimeSpan.Zero ? GateRunQueue : TimeSpan.Zero);

    public bool Conclusive => Stall < MachineStall;

    /// <summary>Within the bound; when the machine stalled, within the bound beyond that stall.</summary>
    public TimeSpan Limit => Conclusive ? Bound : Stall + Bound;

    public static async Task<LiveProbe> TakeAsync(FaultDesk desk, ServiceProcess service, HttpClient live)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(service);
        var gateBefore = RunQueue.Waited(service.ProcessId);
        var probe = FaultDesk.ProbeLiveAsync(live);
        var standIn = desk.ProbeStandInAsync();
        var (status, elapsed) = await probe;
        var standInElapsed = await standIn;
        return new LiveProbe(status, elapsed, standInElapsed, RunQueue.Waited(service.ProcessId) - gateBefore);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"HTTP {Status} in {Elapsed.TotalMilliseconds:F1} ms (stand-in {StandIn.TotalMilliseconds:F1} ms, gate waiting for a CPU {GateRunQueue.TotalMilliseconds:F1} ms)");
}
