using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Json;

namespace HealthGate.Logging;

/// <summary>
/// One JSON object per line with the rendered message, for production log shipping. Named in configuration as
/// <c>HealthGate.Logging.JsonLinesFormatter, HealthGate</c>, so that Development can swap the formatter by one key.
/// </summary>
internal sealed class JsonLinesFormatter : ITextFormatter
{
    private readonly JsonFormatter _json = new(closingDelimiter: "\n", renderMessage: true);

    public void Format(LogEvent logEvent, TextWriter output) => _json.Format(logEvent, output);
}
