using System.Diagnostics;
using System.Globalization;

namespace HealthGate.Metrics;

/// <summary>The standard process metrics and the .NET runtime's GC and thread-pool counters, read at scrape time.</summary>
internal sealed class ProcessMetrics
{
    private readonly double _startTimeSeconds;

    public ProcessMetrics()
    {
        using var process = Process.GetCurrentProcess();
        _startTimeSeconds = new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0;
    }

    public void Write(ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using (var process = Process.GetCurrentProcess())
        {
            Single(writer, "process_resident_memory_bytes", MetricType.Gauge, "Resident memory size in bytes.", process.WorkingSet64);
            Single(writer, "process_virtual_memory_bytes", MetricType.Gauge, "Virtual memory size in bytes.", process.VirtualMemorySize64);
        }

        Single(writer, "process_cpu_seconds_total", MetricType.Counter, "Total user and system CPU time spent in seconds.", Environment.CpuUsage.TotalTime.TotalSeconds);
        Single(writer, "process_start_time_seconds", MetricType.Gauge, "Start time of the process since the Unix epoch in seconds.", _startTimeSeconds);
        if (OperatingSystem.IsLinux() && Directory.Exists("/proc/self/fd"))
        {
            Single(writer, "process_open_fds", MetricType.Gauge, "Number of open file descriptors.", Directory.EnumerateFileSystemEntries("/proc/self/fd").Count());
        }

        writer.Family("dotnet_gc_collections_total", MetricType.Counter, "Garbage collections by generation.");
        for (var generation = 0; generation <= GC.MaxGeneration; generation++)
        {
            writer.Sample("dotnet_gc_collections_total", GC.CollectionCount(generation), new Label("generation", generation.ToString(CultureInfo.InvariantCulture)));
        }

        Single(writer, "dotnet_gc_allocated_bytes_total", MetricType.Counter, "Bytes allocated on the managed heap since the process started.", GC.GetTotalAllocatedBytes());
        Single(writer, "dotnet_gc_pause_seconds_total", MetricType.Counter, "Time the runtime has paused for garbage collection.", GC.GetTotalPauseDuration().TotalSeconds);
        Single(writer, "dotnet_total_memory_bytes", MetricType.Gauge, "Bytes currently thought to be allocated on the managed heap.", GC.GetTotalMemory(forceFullCollection: false));
        Single(writer, "dotnet_threadpool_queue_length", MetricType.Gauge, "Work items queued to the thread pool and not yet started.", ThreadPool.PendingWorkItemCount);
        Single(writer, "dotnet_threadpool_threads", MetricType.Gauge, "Thread-pool threads that currently exist.", ThreadPool.ThreadCount);
        Single(writer, "dotnet_threadpool_completed_items_total", MetricType.Counter, "Work items the thread pool has completed.", ThreadPool.CompletedWorkItemCount);
        Single(writer, "dotnet_monitor_lock_contention_total", MetricType.Counter, "Times a thread waited for a contended lock.", Monitor.LockContentionCount);
    }

    private static void Single(ExpositionWriter writer, string name, MetricType type, string help, double value)
    {
        writer.Family(name, type, help);
        writer.Sample(name, value);
    }
}
