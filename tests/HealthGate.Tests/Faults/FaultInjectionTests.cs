using System.Diagnostics;
using HealthGate.Tests.FailClosed;

namespace HealthGate.Tests.Faults;

/// <summary>
/// Real dependencies broken for real, under the real service process: each row injects one fault, asks for a live
/// preflight while probing <c>/health/live</c>, clears the fault and waits for the gate to be GO again by itself.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultInjectionTests(FaultDesk desk)
{
    /// <summary>What a run may take beyond its checks' timeout: the engine's own work, not a client's second budget.</summary>
    private const int RunOverheadMs = 200;

    private static readonly TimeSpan LiveBound = TimeSpan.FromMilliseconds(100);

    private const int MinLiveProbes = 5;

    /// <summary>A machine stall this long or longer during a probe (see <see cref="Probe"/>): that probe proves nothing about the gate alone.</summary>
    private static readonly TimeSpan MachineStall = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan MaxProbing = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Rows => [.. FaultRows.All.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AFaultIsNoGoOnItsCheckWithinTheTimeoutWhileLiveStaysFastAndTheGateRecoversByItself(string row)
    {
        var fault = FaultRows.All[row];
        var service = fault.Clear is null ? desk.Unresolvable : desk.Service;
        var live = desk.LiveClient(service);
        await WaitUntilGoAsync(service, fault, "before the fault");

        PreflightAnswer run;
        List<Probe> probes = [];
        TimeSpan waited;
        var allocatedBefore = await AllocatedBytesAsync(service);
        double allocated;
        try
        {
            await fault.Inject(desk);
            var started = Stopwatch.GetTimestamp();
            var preflight = LaunchAsync(service);
            // Probing goes on after the run while the fault still holds, until enough probes were taken on a machine
            // that was not itself stalled (bounded, so a machine that never settles fails the row instead of hanging it).
            while (!preflight.IsCompleted || (probes.Count(p => p.Conclusive) < MinLiveProbes && Stopwatch.GetElapsedTime(started) < MaxProbing))
            {
                probes.Add(await ProbeAsync(desk, service, live));
                await Task.WhenAny(preflight, Task.Delay(20));
            }

            (run, waited) = await preflight;
            allocated = await AllocatedBytesAsync(service) - allocatedBefore;
        }
        finally
        {
            if (fault.Clear is not null)
            {
                await fault.Clear(desk);
            }
        }

        desk.Ledger.Record(row, run);
        run.AssertNoGo(fault.Verdict);
        var check = run.Check(fault.Check);
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal(fault.Reason, check.GetProperty("reason").GetString());
        // The fault stays on its check: every other check of the run is Healthy, so the NO-GO is this fault's doing.
        Assert.All(run.Json.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("name").GetString() != fault.Check), c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));

        var durationMs = run.Json.GetProperty("durationMs").GetDouble();
        Assert.True(durationMs <= FaultDesk.TimeoutMs + RunOverheadMs, $"{row}: the run took {durationMs:F0} ms, over its {FaultDesk.TimeoutMs} ms timeout + {RunOverheadMs} ms");
        Assert.True(waited < TimeSpan.FromMilliseconds(FaultDesk.TimeoutMs + 1000), $"{row}: the launcher waited {waited.TotalMilliseconds:F0} ms from sending the preflight to its answer (load average {LoadAverage()})");
        Assert.True(probes.Count(p => p.Conclusive) >= MinLiveProbes, $"{row}: fewer than {MinLiveProbes} of {probes.Count} probes were taken while the machine stalled less than {MachineStall.TotalMilliseconds} ms (load average {LoadAverage()}): {string.Join("; ", probes)}");
        Assert.All(probes, p =>
        {
            Assert.Equal(200, p.Status);
            // Within the bound; when the machine itself stalled, within the bound beyond that stall.
            var bound = p.Conclusive ? LiveBound : p.Stall + LiveBound;
            Assert.True(p.Elapsed < bound, $"{row}: /health/live took {p.Elapsed.TotalMilliseconds:F1} ms during the fault, over {bound.TotalMilliseconds:F1} ms: {p} (load average {LoadAverage()})");
        });

        if (fault.MaxAllocatedBytes is { } maxAllocated)
        {
            // Refused within the cap, not read whole: what the service allocated while the fault held (probes included).
            Assert.True(allocated <= maxAllocated, $"{row}: the service allocated {allocated / 1024 / 1024:F1} MiB during the run, over {maxAllocated / 1024 / 1024} MiB");
        }

        await WaitUntilGoAsync(service, fault, "after the fault cleared");
    }

    /// <summary>The launcher's wait: from sending the preflight to its answer, read when the answer arrives.</summary>
    private static async Task<(PreflightAnswer Run, TimeSpan Waited)> LaunchAsync(ServiceProcess service)
    {
        var sent = Stopwatch.GetTimestamp();
        var run = await FaultDesk.PreflightAsync(service);
        return (run, Stopwatch.GetElapsedTime(sent));
    }

    /// <summary>
    /// One /health/live probe with what the machine withheld meanwhile: a stand-in in the test process, no fault near
    /// it, asked at the same moment (the test process's own delay), and the time the gate's threads waited for a CPU
    /// while ready to run (the kernel's account).
    /// </summary>
    private static async Task<Probe> ProbeAsync(FaultDesk desk, ServiceProcess service, HttpClient live)
    {
        var gateBefore = RunQueue.Waited(service.ProcessId);
        var testBefore = RunQueue.Waited(Environment.ProcessId);
        var probe = FaultDesk.ProbeLiveAsync(live);
        var standIn = desk.ProbeStandInAsync();
        var (status, elapsed) = await probe;
        var standInElapsed = await standIn;
        return new Probe(status, elapsed, standInElapsed, RunQueue.Waited(service.ProcessId) - gateBefore, RunQueue.Waited(Environment.ProcessId) - testBefore);
    }

    /// <summary>A probe's status and time, the stand-in's time, and how long the gate's and the test's threads waited for a CPU.</summary>
    private sealed record Probe(int Status, TimeSpan Elapsed, TimeSpan StandIn, TimeSpan GateRunQueue, TimeSpan TestRunQueue)
    {
        /// <summary>What the machine, not the gate, added to the probe: the test process's delay and the gate's wait for a CPU.</summary>
        public TimeSpan Stall => StandIn + (GateRunQueue > TimeSpan.Zero ? GateRunQueue : TimeSpan.Zero);

        public bool Conclusive => Stall < MachineStall;

        public override string ToString() => string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"HTTP {Status} in {Elapsed.TotalMilliseconds:F1} ms, stand-in {StandIn.TotalMilliseconds:F1} ms, gate waiting for a CPU {GateRunQueue.TotalMilliseconds:F1} ms, test process {TestRunQueue.TotalMilliseconds:F1} ms");
    }

    private static async Task<double> AllocatedBytesAsync(ServiceProcess service) =>
        Exposition.Parse(await Exposition.ScrapeAsync(service.Client)).Value("dotnet_gc_allocated_bytes_total")
        ?? throw new InvalidOperationException("no dotnet_gc_allocated_bytes_total in /metrics");

    // In a failure message only: a bound missed on a machine whose run queue is many times its cores says so.
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    /// <summary>
    /// GO: a live preflight PASSes and /health/ready is 200. On the desk whose fault never clears, the P0 set is
    /// what stays GO: readiness 200 and every check but the faulty one Healthy.
    /// </summary>
    private static async Task WaitUntilGoAsync(ServiceProcess service, FaultRow fault, string when)
    {
        var waited = Stopwatch.StartNew();
        var last = "";
        while (waited.Elapsed < RecoveryBound)
        {
            var run = await FaultDesk.PreflightAsync(service);
            last = run.Json.GetRawText();
            var go = fault.Clear is null
                ? run.Json.GetProperty("checks").EnumerateArray().All(c => c.GetProperty("name").GetString() == fault.Check || c.GetProperty("status").GetString() == "Healthy")
                : run.Verdict == "PASS";
            using var ready = await service.Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (go && ready.IsSuccessStatusCode)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the gate was not GO {when} within {RecoveryBound.TotalSeconds:F0} s; last run: {last}");
    }
}
