using HealthGate.Storage;

namespace HealthGate.Metrics;

/// <summary>Recorded overrides by kind and mode; the known kinds start at 0 for every mode so increase() sees the first.</summary>
internal sealed class OverrideMetrics
{
    public const string Name = "healthgate_overrides_total";

    private readonly Lock _lock = new();
    private readonly SortedDictionary<(string Kind, string Mode), long> _counts = new(Comparer<(string Kind, string Mode)>.Create(
        (a, b) => string.CompareOrdinal(a.Kind, b.Kind) is var byKind and not 0 ? byKind : string.CompareOrdinal(a.Mode, b.Mode)));

    public OverrideMetrics(IEnumerable<string> modes)
    {
        ArgumentNullException.ThrowIfNull(modes);
        foreach (var mode in modes)
        {
            foreach (var kind in OpLogKinds.Overrides)
            {
                _counts[(kind, mode)] = 0;
            }
        }
    }

    public void Record(string kind, string mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(mode);
        lock (_lock)
        {
            _counts[(kind, mode)] = _counts.GetValueOrDefault((kind, mode)) + 1;
        }
    }

    public void Write(ExpositionWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (_lock)
        {
            writer.Family(Name, MetricType.Counter, "Overrides recorded by kind and mode.");
            foreach (var ((kind, mode), count) in _counts)
            {
                writer.Sample(Name, count, new Label("kind", kind), new Label("mode", mode));
            }
        }
    }
}
