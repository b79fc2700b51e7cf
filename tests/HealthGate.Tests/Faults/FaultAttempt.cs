using System.Diagnostics;
using System.Globalization;
using HealthGate.Checks;
using HealthGate.Tests.FailClosed;

namespace HealthGate.Tests.Faults;

/// <summary>
/// One go at a row: the fault injected, a live preflight asked while <c>/health/live</c> is probed, the fault cleared.
/// <see cref="Waited"/> is the launcher's wait, from sending the preflight to its answer.
/// </summary>
public sealed record FaultAttempt(PreflightAnswer Run, TimeSpan Waited, IReadOnlyList<LiveProbe> Probes, double AllocatedBytes)
{
    public const int MinLiveProbes = 5;

    /// <summary>Probing goes on after the run, while the fault still holds, until enough probes were taken on an unstalled machine; at most this long.</summary>
    private static readonly TimeSpan MaxProbing = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Whether the attempt shows the fault's own reason: a timeout on a check where the fault gives none (a healthy
    /// dependency not answering in time, the 50 MiB body not read to its cap before the timeout) is a starved
    /// machine's signature, and so is a run with too few probes taken on an unstalled machine. Such an attempt's
    /// verdict still counts; its reasons prove nothing.
    /// </summary>
    public bool IsConclusiveFor(FaultRow fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return Probes.Count(p => p.Conclusive) >= MinLiveProbes
            && Run.Json.GetProperty("checks").EnumerateArray().All(c =>
                c.GetProperty("reason").GetString() != Reasons.Timeout || (c.GetProperty("name").GetString() == fault.Check && fault.Reason == Reasons.Timeout));
    }

    public static async Task<FaultAttempt> MakeAsync(FaultDesk desk, FaultRow fault, ServiceProcess service, HttpClient live)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(service);
        List<LiveProbe> probes = [];
        var allocatedBefore = await AllocatedBytesAsync(service);
        try
        {
            await fault.Inject(desk);
            var started = Stopwatch.GetTimestamp();
            var preflight = LaunchAsync(service);
            while (!preflight.IsCompleted || (probes.Count(p => p.Conclusive) < MinLiveProbes && Stopwatch.GetElapsedTime(started) < MaxProbing))
            {
                probes.Add(await LiveProbe.TakeAsync(desk, service, live));
                await Task.WhenAny(preflight, Task.Delay(20));
            }

            var (run, waited) = await preflight;
            return new FaultAttempt(run, waited, probes, await AllocatedBytesAsync(service) - allocatedBefore);
        }
        finally
        {
            if (fault.Clear is not null)
            {
                await fault.Clear(desk);
            }
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Run.Verdict} after {Waited.TotalMilliseconds:F0} ms ({string.Join(", ", Run.Json.GetProperty("checks").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()} {c.GetProperty("reason").GetString()}"))}), {Probes.Count(p => p.Conclusive)} of {Probes.Count} probes unstalled");

    /// <summary>The launcher's wait: from sending the preflight to its answer, read when the answer arrives.</summary>
    private static async Task<(PreflightAnswer Run, TimeSpan Waited)> LaunchAsync(ServiceProcess service)
    {
        var sent = Stopwatch.GetTimestamp();
        var run = await FaultDesk.PreflightAsync(service);
        return (run, Stopwatch.GetElapsedTime(sent));
    }

    private static async Task<double> AllocatedBytesAsync(ServiceProcess service) =>
        Exposition.Parse(await Exposition.ScrapeAsync(service.Client)).Value("dotnet_gc_allocated_bytes_total")
        ?? throw new InvalidOperationException("no dotnet_gc_allocated_bytes_total in /metrics");
}
