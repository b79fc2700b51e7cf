using HealthGate.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Prometheus;

namespace HealthGate.Health;

/// <summary><c>healthgate_ready</c>, computed at each scrape so a stalled publisher shows without waiting for a run.</summary>
internal sealed class ReadinessMetrics : IInstrumentOwner
{
    public const string Name = "healthgate_ready";

    private readonly Gauge _ready;
    private readonly ReadinessState _readiness;
    private readonly TimeSpan _maxAge;
    private readonly TimeProvider _time;

    public ReadinessMetrics(ReadinessState readiness, IOptions<ReadinessOptions> options, TimeProvider time, CollectorRegistry registry, IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(factory);
        _readiness = readiness ?? throw new ArgumentNullException(nameof(readiness));
        _maxAge = options.Value.MaxAge;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _ready = factory.CreateGauge(Name, "1 when the latest background readiness run is fresh and not Unhealthy, else 0.");
        registry.AddBeforeCollectCallback(Update);
    }

    // The same answer /health/ready gives, stale results included, so the two never disagree.
    private void Update() =>
        _ready.Set(ReadinessReport.StatusOf(_readiness.Latest, _time.GetUtcNow(), _maxAge) != HealthStatus.Unhealthy ? 1 : 0);
}
