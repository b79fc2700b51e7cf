using HealthGate.Contracts;
using HealthGate.Metrics;
using HealthGate.Preflight;
using Prometheus;

namespace HealthGate.Overrides;

/// <summary>Recorded overrides (requests) by kind and mode; the known kinds start at 0 for every mode so increase() sees the first.</summary>
internal sealed class OverrideMetrics : IOverrideObserver, IInstrumentOwner
{
    public const string Name = "healthgate_overrides_total";

    private readonly Counter _overrides;

    public OverrideMetrics(PreflightModes modes, IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(modes);
        ArgumentNullException.ThrowIfNull(factory);
        _overrides = factory.CreateCounter(Name, "Overrides recorded by kind and mode.", ["kind", "mode"]);
        foreach (var mode in modes.Names)
        {
            foreach (var kind in OverrideRequest.Kinds)
            {
                _overrides.WithLabels(kind, mode);
            }
        }
    }

    /// <summary>Counts one recorded override (<c>force_start</c> or <c>skip_health_check</c>) of a mode.</summary>
    public void Record(string kind, string mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(mode);
        _overrides.WithLabels(kind, mode).Inc();
    }

    /// <summary>Counts requests only, after they are durable, so the counter never runs ahead of the log.</summary>
    public Task OnOverrideChangedAsync(OverrideRecord current, OpLogRecord entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Kind == OpLogEvents.OverrideRequested)
        {
            Record(current.Kind, current.Mode);
        }

        return Task.CompletedTask;
    }
}
