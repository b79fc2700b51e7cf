using Prometheus;

namespace HealthGate.Metrics;

/// <summary>
/// Serves the service's own registry, never prometheus-net's static default, so each host has its own series. A
/// scrape renders the registry into one buffer; scrapers that arrive while a render is in flight share it rather
/// than each collect again, so concurrent scrapers cost one render, not one each (their answer is at most one
/// render older than their arrival). A scrape that arrives after a render completed always gets a fresh one.
/// </summary>
internal sealed class MetricsExporter
{
    public const string ContentType = PrometheusConstants.TextContentTypeWithVersionAndEncoding;

    private readonly CollectorRegistry _registry;
    private readonly Lock _gate = new();
    private Task<ReadOnlyMemory<byte>>? _inFlight;

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

    /// <summary>One scrape: the text exposition format 0.0.4, rendered (or joined while rendering), then written to <paramref name="output"/>.</summary>
    public async Task ExportAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var exposition = await RenderAsync().WaitAsync(cancellationToken);
        await output.WriteAsync(exposition, cancellationToken);
    }

    /// <summary>The exposition of the render in flight, or of a new one started now.</summary>
    public Task<ReadOnlyMemory<byte>> RenderAsync()
    {
        lock (_gate)
        {
            return _inFlight ??= RenderOnceAsync();
        }
    }

    private async Task<ReadOnlyMemory<byte>> RenderOnceAsync()
    {
        // Yield first so the task is published (under the lock) before the finally below clears it.
        await Task.Yield();
        try
        {
            // Not a scraper's token: one scraper hanging up must not fail the render the others share.
            using var buffer = new MemoryStream(16 * 1024);
            await _registry.CollectAndExportAsTextAsync(buffer, ExpositionFormat.PrometheusText, CancellationToken.None);
            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight = null;
            }
        }
    }
}
