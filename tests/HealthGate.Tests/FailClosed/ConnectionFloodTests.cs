using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HealthGate.Dashboard;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// Class 15 of docs/fail-closed.md: no client can take the gate down. The real service process under a 4,096
/// open-files limit gets more live-page connections than it has descriptors, and a shortage of descriptors made
/// on purpose; it must keep answering probes and preflights, and never exit.
/// </summary>
[Collection(FloodCollection.Name)]
public sealed class ConnectionFloodTests : IAsyncLifetime
{
    private const int OpenFilesLimit = 4096;

    /// <summary>Past the limit, as in the reported incident (~4,300 connections to /events).</summary>
    private const int FloodConnections = 4300;

    /// <summary>Before the fix the process aborted in about 4 floods out of 10 and never answered a probe during one; three floods in one process.</summary>
    private const int Rounds = 3;

    private const int MinConclusiveProbes = 5;

    private static readonly TimeSpan LiveBound = TimeSpan.FromMilliseconds(100);

    /// <summary>The liveness probe's timeoutSeconds in deploy/k8s: a probe answered within it is never a failure to the kubelet.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>A stand-in answer slower than this means the machine stalled: that probe proves nothing about the gate.</summary>
    private static readonly TimeSpan MachineStall = TimeSpan.FromMilliseconds(50);

    private readonly TempDirectory _directory = new();
    private readonly HttpStandIn _standIn = new();

    // Only ever sends Connection: close, so every probe is a new connection, as the kubelet's are.
    private readonly HttpClient _probes = new() { Timeout = Timeout.InfiniteTimeSpan };
    private ServiceProcess _service = null!;

    public async Task InitializeAsync()
    {
        await _standIn.InitializeAsync();
        _standIn.Respond("/ping", 200, "{}");
        // Readiness every second: the background loop, the store and the disk check's probe file all need descriptors meanwhile.
        var config = _directory.WriteConfig(new
        {
            HealthGate = new { Checks = new { disk = TempDirectory.BaselineCheck }, Readiness = new { PeriodSeconds = 1 } },
        });
        _service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = _directory.Path, ConfigFile = config, OpenFilesLimit = OpenFilesLimit });
    }

    public async Task DisposeAsync()
    {
        _probes.Dispose();
        await _service.DisposeAsync();
        await _standIn.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task AFloodOfLivePageConnectionsPastTheDescriptorLimitKeepsTheGateAnsweringAndAlive()
    {
        // Row 15/events-flood.
        var gate = new Uri(_service.BaseUrl!);
        for (var round = 1; round <= Rounds; round++)
        {
            var row = $"15/events-flood round {round}";

            // While the flood arrives, every probe is answered within the kubelet's timeout.
            using var stopProbing = new CancellationTokenSource();
            var probing = ProbeUntilAsync(stopProbing.Token);
            await using var flood = await EventFlood.OpenAsync(gate, FloodConnections);
            Assert.True(flood.Connected > OpenFilesLimit, $"{row}: only {flood.Connected} connections were established ({flood.NotConnected} not): the flood did not pass the limit");

            // The gate keeps at most its bound of streams and closes every other connection, answered or not: none is left hanging.
            var settled = (Streaming: 0, Closed: 0, Undecided: flood.Connected);
            await ProcessRunner.WaitUntilAsync(
                () =>
                {
                    settled = flood.Read();
                    return Task.FromResult(settled.Undecided == 0 || _service.HasExited);
                },
                TimeSpan.FromSeconds(60),
                $"{row}: every flood connection a stream or closed by the gate");
            await stopProbing.CancelAsync();
            var arriving = await probing;
            AssertAlive(row);
            AssertProbes($"{row}, while the flood arrived", arriving, ProbeTimeout, minConclusive: 0);
            Assert.InRange(settled.Streaming, 1, DashboardEvents.MaxStreams);
            Assert.Equal(flood.Connected, settled.Streaming + settled.Closed);
            Assert.All(flood.ClosedStatusLines(), line => Assert.StartsWith("HTTP/1.1 503", line, StringComparison.Ordinal));

            // With the flood held (its streams open, the client's side of every other connection too): probes within
            // 100 ms and a preflight answered.
            using var held = new CancellationTokenSource();
            var heldProbing = ProbeUntilAsync(held.Token);
            var preflight = await PreflightAsync();
            await held.CancelAsync();
            AssertProbes($"{row}, with the flood held", await heldProbing, LiveBound, MinConclusiveProbes);
            preflight.AssertPass();
            AssertAlive(row);
        }

        // The refusals are counted in a few lines, not one line per connection; no accept ever failed; the bound was
        // logged at start, under the limit prlimit set.
        Assert.InRange(LogLines(9005).Count, 1, Rounds * 10);
        Assert.Empty(LogLines(8002));
        var listening = LogLines(8001).Single();
        Assert.Equal(OpenFilesLimit, listening.GetProperty("DescriptorLimit").GetInt64());
        Assert.True(listening.GetProperty("MaxConnections").GetInt64() < OpenFilesLimit, listening.GetRawText());
    }

    [Fact]
    public async Task ADescriptorShortageIsLoggedAndRetriedAndTheGateAnswersAgainOnceItEnds()
    {
        // Row 15/no-descriptor-left: the soft limit lowered under the descriptors the process holds, so nothing can be
        // opened, then restored. A probe waits in the backlog meanwhile; the gate must neither spin nor exit.
        await SetOpenFilesLimitAsync(3);
        Task<(int Status, TimeSpan Elapsed)> probe;
        try
        {
            probe = ProbeLiveAsync(TimeSpan.FromSeconds(60));
            await _service.WaitForOutputAsync("\"Id\":8002");
        }
        finally
        {
            await SetOpenFilesLimitAsync(OpenFilesLimit);
        }

        var (status, _) = await probe;
        Assert.Equal(200, status);
        AssertAlive("15/no-descriptor-left");
        await _service.WaitForOutputAsync("\"Id\":8003");
        var failing = LogLines(8002).First();
        Assert.Equal("TooManyOpenSockets", failing.GetProperty("Error").GetString());
        var recovered = LogLines(8003).Single();
        var failures = recovered.GetProperty("Failures").GetInt64();
        var seconds = recovered.GetProperty("Seconds").GetDouble();
        // Backed off, not spinning: after a few doublings one try per 100 ms at most (Kestrel's own loop tries thousands of times a second).
        Assert.InRange(failures, 1, (long)(seconds * 10) + 10);
        var after = await PreflightAsync();
        after.AssertPass();
    }

    private void AssertAlive(string row) =>
        Assert.False(_service.HasExited, $"{row}: the gate exited with {(_service.HasExited ? _service.ExitCode : 0)}:\n{_service.StandardError}");

    private async Task SetOpenFilesLimitAsync(int soft) =>
        await ProcessRunner.RunAsync(ServiceProcess.Prlimit, ["--pid", _service.Id.ToString(CultureInfo.InvariantCulture), string.Create(CultureInfo.InvariantCulture, $"--nofile={soft}:{OpenFilesLimit}")]);

    private List<JsonElement> LogLines(int eventId) =>
        [.. _service.StandardOutputLines
            .Where(l => l.StartsWith('{') && l.Contains($"\"Id\":{eventId},", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone())];

    private async Task<PreflightAnswer> PreflightAsync()
    {
        using var response = await _service.Client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));
        return new PreflightAnswer((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>
    /// Probes /health/live on a new connection each time (as the kubelet does) until stopped and enough probes were
    /// conclusive, each paired with the stand-in asked at the same moment and with the gate's own wait for a CPU.
    /// </summary>
    private async Task<List<Probe>> ProbeUntilAsync(CancellationToken stop)
    {
        List<Probe> probes = [];
        var started = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested || (probes.Count(p => p.Conclusive) < MinConclusiveProbes && Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2)))
        {
            var waitedBefore = RunQueueWait.Of(_service.Id);
            var live = ProbeLiveAsync(TimeSpan.FromSeconds(10));
            var standIn = ProbeStandInAsync();
            var (status, elapsed) = await live;
            probes.Add(new Probe(status, elapsed, await standIn, RunQueueWait.Between(waitedBefore, RunQueueWait.Of(_service.Id))));
            await Task.Delay(20, CancellationToken.None);
        }

        return probes;
    }

    private async Task<(int Status, TimeSpan Elapsed)> ProbeLiveAsync(TimeSpan timeout)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(_service.BaseUrl!), "/health/live"));
        request.Headers.ConnectionClose = true;
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            using var response = await _probes.SendAsync(request, cts.Token);
            await response.Content.ReadAsStringAsync(cts.Token);
            return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return (0, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<TimeSpan> ProbeStandInAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_standIn.Url("/ping")));
        request.Headers.ConnectionClose = true;
        var started = Stopwatch.GetTimestamp();
        using var response = await _probes.SendAsync(request);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>
    /// Every probe answered 200 within <paramref name="bound"/> of the gate's own time (the probe's, less what the
    /// gate's threads waited for a CPU), or within the bound beyond the stand-in's time when the test's side of the
    /// machine stalled too; at least <paramref name="minConclusive"/> taken while neither stalled.
    /// </summary>
    private static void AssertProbes(string row, List<Probe> probes, TimeSpan bound, int minConclusive)
    {
        Assert.NotEmpty(probes);
        Assert.True(probes.Count(p => p.Conclusive) >= minConclusive, $"{row}: fewer than {minConclusive} of {probes.Count} probes were taken while the machine gave both the gate and the stand-in a CPU within {MachineStall.TotalMilliseconds} ms (load average {LoadAverage()})");
        Assert.All(probes, p =>
        {
            Assert.True(p.Status == 200, $"{row}: /health/live answered {p.Status} after {p.Elapsed.TotalMilliseconds:F0} ms (0: no answer)");
            var limit = p.StandIn < MachineStall ? bound : p.StandIn + bound;
            Assert.True(p.OwnTime < limit, $"{row}: /health/live took {p.Elapsed.TotalMilliseconds:F1} ms, {p.OwnTime.TotalMilliseconds:F1} ms of it the gate's own (its threads waited {p.GateWait.TotalMilliseconds:F1} ms for a CPU), over {bound.TotalMilliseconds:F0} ms; the stand-in, asked at the same moment, {p.StandIn.TotalMilliseconds:F1} ms (load average {LoadAverage()})");
        });
    }

    // In a failure message only.
    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    /// <summary>One probe: its answer and time, the stand-in's time at the same moment, and how long the gate's threads waited for a CPU meanwhile.</summary>
    private readonly record struct Probe(int Status, TimeSpan Elapsed, TimeSpan StandIn, TimeSpan GateWait)
    {
        public TimeSpan OwnTime => Elapsed > GateWait ? Elapsed - GateWait : TimeSpan.Zero;

        public bool Conclusive => StandIn < MachineStall && GateWait < MachineStall;
    }
}
