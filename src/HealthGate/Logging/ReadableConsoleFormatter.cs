using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace HealthGate.Logging;

/// <summary>Plain one-line text for a developer's terminal (<c>HealthGate.Logging.ReadableConsoleFormatter, HealthGate</c>).</summary>
internal sealed class ReadableConsoleFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _text = new(
        "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
        CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, TextWriter output) => _text.Format(logEvent, output);
}
