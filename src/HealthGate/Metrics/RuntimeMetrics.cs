using System.Diagnostics;
using System.Globalization;
using Prometheus;

namespace HealthGate.Metrics;

/// <summary>
/// Process and .NET runtime series, read just before each scrape. prometheus-net's own process collector names
/// them otherwise (<c>process_working_set_bytes</c>, <c>dotnet_collection_count_total</c>) than the dashboards and
/// alert rules in deploy/ query, and serving both would publish the same numbers twice.
/// </summary>
internal sealed class RuntimeMetrics : IInstrumentOwner
{
    private readonly Gauge _residentMemory;
    private readonly Gauge _virtualMemory;
    private readonly Counter _cpu;
    private readonly Gauge? _openFds;
    private readonly TimeProvider _time;
    private long _fdsCountedAt;
    private int _countingFds;
    private readonly Counter.Child[] _gcByGeneration;
    private readonly Counter _gcAllocated;
    private readonly Counter _gcPause;
    private readonly Gauge _totalMemory;
    private readonly Gauge _queueLength;
    private readonly Gauge _threads;
    private readonly Counter _completedItems;
    private readonly Counter _lockContention;

    /// <summary>
    /// How old the open-descriptor count may get. Counting enumerates <c>/proc/self/fd</c>, which stats every entry's
    /// target: 300-odd descriptors (one per loaded assembly and more) took several milliseconds, most of a scrape's
    /// CPU time (docs/performance.md), so it runs in the background, at most this often, and a scrape reads the latest.
    /// </summary>
    public static readonly TimeSpan OpenFdsMaxAge = TimeSpan.FromSeconds(5);

    public RuntimeMetrics(CollectorRegistry registry, IMetricFactory factory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(factory);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _residentMemory = factory.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        _virtualMemory = factory.CreateGauge("process_virtual_memory_bytes", "Virtual memory size in bytes.");
        _cpu = factory.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        using (var process = Process.GetCurrentProcess())
        {
            factory.CreateGauge("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.")
                .Set(new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        }

        if (OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd"))
        {
            _openFds = factory.CreateGauge("process_open_fds", "Number of open file descriptors.");
            CountOpenFds();
        }

        var gcCollections = factory.CreateCounter("dotnet_gc_collections_total", "Garbage collections by generation.", ["generation"]);
        _gcByGeneration = [.. Enumerable.Range(0, GC.MaxGeneration + 1).Select(g => gcCollections.WithLabels(g.ToString(CultureInfo.InvariantCulture)))];
        _gcAllocated = factory.CreateCounter("dotnet_gc_allocated_bytes_total", "Bytes allocated on the managed heap since the process started.");
        _gcPause = factory.CreateCounter("dotnet_gc_pause_seconds_total", "Time the runtime has paused for garbage collection.");
        _totalMemory = factory.CreateGauge("dotnet_total_memory_bytes", "Bytes currently thought to be allocated on the managed heap.");
        _queueLength = factory.CreateGauge("dotnet_threadpool_queue_length", "Work items queued to the thread pool and not yet started.");
        _threads = factory.CreateGauge("dotnet_threadpool_threads", "Thread-pool threads that currently exist.");
        _completedItems = factory.CreateCounter("dotnet_threadpool_completed_items_total", "Work items the thread pool has completed.");
        _lockContention = factory.CreateCounter("dotnet_monitor_lock_contention_total", "Times a thread waited for a contended lock.");
        registry.AddBeforeCollectCallback(Update);
    }

    private void Update()
    {
        if (ProcStatm.TryRead(out var virtualBytes, out var residentBytes))
        {
            _residentMemory.Set(residentBytes);
            _virtualMemory.Set(virtualBytes);
        }
        else
        {
            using var process = Process.GetCurrentProcess();
            _residentMemory.Set(process.WorkingSet64);
            _virtualMemory.Set(process.VirtualMemorySize64);
        }

        // The runtime keeps these totals itself; IncTo copies them without ever moving a counter backwards.
        _cpu.IncTo(Environment.CpuUsage.TotalTime.TotalSeconds);
        if (_openFds is not null
            && _time.GetElapsedTime(Interlocked.Read(ref _fdsCountedAt)) >= OpenFdsMaxAge
            && Interlocked.CompareExchange(ref _countingFds, 1, 0) == 0)
        {
            _ = Task.Run(CountOpenFds);
        }
        for (var generation = 0; generation < _gcByGeneration.Length; generation++)
        {
            _gcByGeneration[generation].IncTo(GC.CollectionCount(generation));
        }

        _gcAllocated.IncTo(GC.GetTotalAllocatedBytes());
        _gcPause.IncTo(GC.GetTotalPauseDuration().TotalSeconds);
        _totalMemory.Set(GC.GetTotalMemory(forceFullCollection: false));
        _queueLength.Set(ThreadPool.PendingWorkItemCount);
        _threads.Set(ThreadPool.ThreadCount);
        _completedItems.IncTo(ThreadPool.CompletedWorkItemCount);
        _lockContention.IncTo(Monitor.LockContentionCount);
    }

    private void CountOpenFds()
    {
        try
        {
            _openFds?.Set(Directory.EnumerateFileSystemEntries("/proc/self/fd").Count());
        }
        catch (IOException)
        {
            // The gauge keeps its last count; the next scrape past the age tries again.
        }
        finally
        {
            Interlocked.Exchange(ref _fdsCountedAt, _time.GetTimestamp());
            Interlocked.Exchange(ref _countingFds, 0);
        }
    }
}
