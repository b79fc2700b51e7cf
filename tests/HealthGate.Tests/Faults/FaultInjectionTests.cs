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

    /// <summary>How long a row goes on trying for one attempt the machine did not stall; every attempt must still be NO-GO.</summary>
    private static readonly TimeSpan MaxAttempting = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Rows => [.. FaultRows.All.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task AFaultIsNoGoOnItsCheckWithinTheTimeoutWhileLiveStaysFastAndTheGateRecoversByItself(string row)
    {
        var fault = FaultRows.All[row];
        var service = fault.Clear is null ? desk.Unresolvable : desk.Service;
        var live = desk.LiveClient(service);
        var trying = Stopwatch.StartNew();
        List<FaultAttempt> attempts = [];
        FaultAttempt attempt;
        do
        {
            await WaitUntilGoAsync(service, fault, "before the fault");
            attempt = await FaultAttempt.MakeAsync(desk, fault, service, live);
            attempts.Add(attempt);

            // Whatever the machine did, a fault is NO-GO, and /health/live within its bound beyond any stall.
            desk.Ledger.Record(row, attempt.Run);
            Assert.True(attempt.Run.Verdict is "P0_FAIL" or "P1_FAIL", $"{row}: a fault on a blocking check answered {attempt.Run.Json.GetRawText()}");
            Assert.Equal(503, attempt.Run.Status);
            Assert.True(attempt.Run.Json.GetProperty("exitCode").GetInt32() is 1 or 2, $"{row}: {attempt.Run.Json.GetRawText()}");
            Assert.All(attempt.Probes, p =>
            {
                Assert.Equal(200, p.Status);
                Assert.True(p.Elapsed < p.Limit, $"{row}: /health/live took {p.Elapsed.TotalMilliseconds:F1} ms during the fault, over {p.Limit.TotalMilliseconds:F1} ms: {p} (load average {LoadAverage()})");
            });
        }
        while (!attempt.IsConclusiveFor(fault) && trying.Elapsed < MaxAttempting);

        // The reasons, the timings and the allocation are asserted on an attempt a starved machine did not blur.
        Assert.True(attempt.IsConclusiveFor(fault), $"{row}: in {trying.Elapsed.TotalSeconds:F0} s no attempt ran without a timeout the fault does not give and with {FaultAttempt.MinLiveProbes} probes on an unstalled machine (load average {LoadAverage()}): {string.Join("; ", attempts)}");
        var run = attempt.Run;
        run.AssertNoGo(fault.Verdict);
        var check = run.Check(fault.Check);
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Equal(fault.Reason, check.GetProperty("reason").GetString());
        // The fault stays on its check: every other check of the run is Healthy, so the NO-GO is this fault's doing.
        Assert.All(run.Json.GetProperty("checks").EnumerateArray().Where(c => c.GetProperty("name").GetString() != fault.Check), c => Assert.Equal("Healthy", c.GetProperty("status").GetString()));

        var durationMs = run.Json.GetProperty("durationMs").GetDouble();
        Assert.True(durationMs <= FaultDesk.TimeoutMs + RunOverheadMs, $"{row}: the run took {durationMs:F0} ms, over its {FaultDesk.TimeoutMs} ms timeout + {RunOverheadMs} ms ({attempt})");
        Assert.True(attempt.Waited < TimeSpan.FromMilliseconds(FaultDesk.TimeoutMs + 1000), $"{row}: the launcher waited {attempt.Waited.TotalMilliseconds:F0} ms from sending the preflight to its answer ({attempt})");
        if (fault.MaxAllocatedBytes is { } maxAllocated)
        {
            // Refused within the cap, not read whole: what the service allocated while the fault held (probes included).
            Assert.True(attempt.AllocatedBytes <= maxAllocated, $"{row}: the service allocated {attempt.AllocatedBytes / 1024 / 1024:F1} MiB during the run, over {maxAllocated / 1024 / 1024} MiB");
        }

        await WaitUntilGoAsync(service, fault, "after the fault cleared");
    }

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
