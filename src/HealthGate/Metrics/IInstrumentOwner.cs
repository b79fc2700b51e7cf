namespace HealthGate.Metrics;

/// <summary>
/// A feature's own <c>/metrics</c> series, declared on the service's registry when the owner is built.
/// <see cref="MetricsExporter"/> builds every owner before the first scrape, so each series is there from the start.
/// </summary>
internal interface IInstrumentOwner;
