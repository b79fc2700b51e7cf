namespace HealthGate.Metrics;

/// <summary>A Prometheus histogram: cumulative buckets, sum and count. Not thread-safe: its owner locks.</summary>
internal sealed class Histogram
{
    /// <summary>Preflight wall time runs from about a millisecond (no checks) to a minute (the CLI's live timeout).</summary>
    public static IReadOnlyList<double> DurationBuckets { get; } = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly double[] _bounds;
    private readonly string[] _boundLabels;
    private readonly long[] _counts;
    private double _sum;
    private long _count;

    public Histogram(IReadOnlyList<double> upperBounds)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        if (upperBounds.Count == 0 || upperBounds.Zip(upperBounds.Skip(1)).Any(p => p.First >= p.Second) || upperBounds.Any(b => !double.IsFinite(b)))
        {
            throw new ArgumentException("bucket bounds must be finite and strictly increasing", nameof(upperBounds));
        }

        _bounds = [.. upperBounds];
        _boundLabels = [.. _bounds.Select(ExpositionWriter.FormatValue)];
        _counts = new long[_bounds.Length];
    }

    public void Observe(double value)
    {
        for (var i = 0; i < _bounds.Length; i++)
        {
            if (value <= _bounds[i])
            {
                _counts[i]++;
                break;
            }
        }

        _sum += value;
        _count++;
    }

    public void Write(ExpositionWriter writer, string name, params ReadOnlySpan<Label> labels)
    {
        ArgumentNullException.ThrowIfNull(writer);
        long cumulative = 0;
        for (var i = 0; i < _bounds.Length; i++)
        {
            cumulative += _counts[i];
            writer.Sample(name, "_bucket", cumulative, labels, new Label("le", _boundLabels[i]));
        }

        writer.Sample(name, "_bucket", _count, labels, new Label("le", "+Inf"));
        writer.Sample(name, "_sum", _sum, labels, null);
        writer.Sample(name, "_count", _count, labels, null);
    }
}
