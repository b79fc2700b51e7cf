using System.Buffers;
using System.Globalization;
using System.Text;

namespace HealthGate.Metrics;

/// <summary>
/// Writes the Prometheus text exposition format 0.0.4 as UTF-8 straight into a buffer writer (the response
/// body), so a scrape builds no intermediate strings.
/// </summary>
internal sealed class ExpositionWriter(IBufferWriter<byte> output)
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly SearchValues<char> HelpSpecials = SearchValues.Create("\\\n");
    private static readonly SearchValues<char> LabelSpecials = SearchValues.Create("\\\"\n");

    /// <summary>The <c># HELP</c> and <c># TYPE</c> lines that open a family.</summary>
    public void Family(string name, MetricType type, string help)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(help);
        Ascii("# HELP "u8);
        Text(name);
        Ascii(" "u8);
        Escaped(help, HelpSpecials);
        Ascii("\n# TYPE "u8);
        Text(name);
        Ascii(type switch
        {
            MetricType.Counter => " counter\n"u8,
            MetricType.Gauge => " gauge\n"u8,
            MetricType.Histogram => " histogram\n"u8,
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        });
    }

    public void Sample(string name, double value, params ReadOnlySpan<Label> labels) => Sample(name, "", value, labels, null);

    /// <summary>A sample line; <paramref name="suffix"/> and <paramref name="extra"/> serve histograms (<c>_bucket</c>, <c>le</c>).</summary>
    public void Sample(string name, string suffix, double value, ReadOnlySpan<Label> labels, Label? extra)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(suffix);
        Text(name);
        Text(suffix);
        if (labels.Length > 0 || extra is not null)
        {
            Ascii("{"u8);
            var first = true;
            foreach (var label in labels)
            {
                WriteLabel(label, ref first);
            }

            if (extra is { } last)
            {
                WriteLabel(last, ref first);
            }

            Ascii("}"u8);
        }

        Ascii(" "u8);
        Value(value);
        Ascii("\n"u8);
    }

    /// <summary>A float as Prometheus parses it: shortest round-trip digits, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>.</summary>
    public static string FormatValue(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void WriteLabel(Label label, ref bool first)
    {
        if (!first)
        {
            Ascii(","u8);
        }

        first = false;
        Text(label.Name);
        Ascii("=\""u8);
        Escaped(label.Value, LabelSpecials);
        Ascii("\""u8);
    }

    private void Value(double value)
    {
        if (!double.IsFinite(value))
        {
            Text(FormatValue(value));
            return;
        }

        var span = output.GetSpan(32);
        if (!value.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("a double did not fit in 32 bytes");
        }

        output.Advance(written);
    }

    /// <summary>Writes text, replacing backslash, newline and (in label values) double quote by their escapes.</summary>
    private void Escaped(ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        while (true)
        {
            var next = text.IndexOfAny(specials);
            if (next < 0)
            {
                Text(text);
                return;
            }

            Text(text[..next]);
            Ascii(text[next] switch
            {
                '\\' => "\\\\"u8,
                '"' => "\\\""u8,
                _ => "\\n"u8,
            });
            text = text[(next + 1)..];
        }
    }

    private void Text(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void Ascii(ReadOnlySpan<byte> bytes) => output.Write(bytes);
}
