using Prometheus;

namespace HealthGate.Metrics;

/// <summary>Serves the service's own registry, never prometheus-net's static default, so each host has its own series.</summary>
internal sealed class MetricsExporter
{
    public const string ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;

    private readonly CollectorRegistry _registry;

    public MetricsExporter(CollectorRegistry registry, IEnumerable<IInstrumentOwner> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));

        // Building the owners declares their series, so counters read 0 before the first preflight or override
        // (increase() then sees the first one) instead of appearing with it.
        foreach (var owner in owners)
        {
            ArgumentNullException.ThrowIfNull(owner);
        }
    }

    /// <summary>One scrape: the text exposition format 0.0.4, written straight into <paramref name="output"/>.</summary>
    public Task ExportAsync(Stream output, CancellationToken cancellationToken) =>
        _registry.CollectAndExportAsTextAsync(output, ExpositionFormat.PrometheusText, cancellationToken);
}
