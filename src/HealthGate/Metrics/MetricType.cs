namespace HealthGate.Metrics;

/// <summary>The metric types of the Prometheus text exposition format that the gate emits.</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}
