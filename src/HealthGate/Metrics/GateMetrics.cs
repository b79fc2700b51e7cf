using System.IO.Pipelines;
using System.Reflection;
using HealthGate.Checks;
using HealthGate.Configuration;
using HealthGate.Health;
using HealthGate.Overrides;
using HealthGate.Preflight;
using HealthGate.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Metrics;

/// <summary>
/// Every series of <c>/metrics</c>. Check gauges follow both the background readiness run and each preflight;
/// <see cref="RecordOverride"/> is called once per override recorded.
/// </summary>
internal sealed class GateMetrics : ICheckRunObserver, IPreflightObserver, IOverrideObserver
{
    public const string ReadyName = "healthgate_ready";
    public const string BuildInfoName = "healthgate_build_info";

    private readonly CheckMetrics _checks;
    private readonly PreflightMetrics _preflights;
    private readonly OverrideMetrics _overrides;
    private readonly ProcessMetrics _process = new();
    private readonly ReadinessState _readiness;
    private readonly TimeSpan _readinessMaxAge;
    private readonly TimeProvider _time;
    private readonly string _version = Version(typeof(GateMetrics).Assembly);

    public GateMetrics(GateChecks checks, PreflightModes modes, ReadinessState readiness, IOptions<HealthGateOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(options);
        _checks = new CheckMetrics(checks.All);
        _preflights = new PreflightMetrics(modes.Names);
        _overrides = new OverrideMetrics(modes.Names);
        _readiness = readiness ?? throw new ArgumentNullException(nameof(readiness));
        _readinessMaxAge = options.Value.Readiness.MaxAge;
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public void OnCheckRunCompleted(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        _checks.Update(run.Checks);
    }

    public Task OnPreflightCompletedAsync(PreflightRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        _checks.Update(run.Checks);
        _preflights.Record(run, _time.GetUtcNow());
        return Task.CompletedTask;
    }

    /// <summary>Counts one recorded override (<c>force_start</c> or <c>skip_health_check</c>) of a mode.</summary>
    public void RecordOverride(string kind, string mode) => _overrides.Record(kind, mode);

    /// <summary>Only accepted overrides reach observers, and only after they are durable, so the counter never runs ahead of the log.</summary>
    public Task OnOverrideRecordedAsync(OpLogEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        RecordOverride(entry.Kind, entry.Mode);
        return Task.CompletedTask;
    }

    /// <summary>Writes the exposition section by section, flushing between sections so a scrape never buffers it all.</summary>
    public async Task WriteAsync(PipeWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new ExpositionWriter(output);
        var now = _time.GetUtcNow();
        WriteGate(writer, now);
        _checks.Write(writer);
        await output.FlushAsync(cancellationToken);
        _preflights.Write(writer, now);
        _overrides.Write(writer);
        await output.FlushAsync(cancellationToken);
        _process.Write(writer);
        await output.FlushAsync(cancellationToken);
    }

    private void WriteGate(ExpositionWriter writer, DateTimeOffset now)
    {
        // The same answer /health/ready gives, stale results included, so the two never disagree.
        var ready = ReadinessResponse.StatusOf(_readiness.Latest, now, _readinessMaxAge) != HealthStatus.Unhealthy;
        writer.Family(ReadyName, MetricType.Gauge, "1 when the latest background readiness run is fresh and not Unhealthy, else 0.");
        writer.Sample(ReadyName, ready ? 1 : 0);
        writer.Family(BuildInfoName, MetricType.Gauge, "Always 1; the version label names the running build.");
        writer.Sample(BuildInfoName, 1, new Label("version", _version));
    }

    private static string Version(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";
}
