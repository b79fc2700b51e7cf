using Serilog.Events;

namespace HealthGate.Logging;

/// <summary>
/// The shape of Serilog's request-completion event: event id 7020 and the property names of the hand-written
/// middleware it replaced (<c>Method</c>, <c>Path</c>, <c>Query</c>, <c>StatusCode</c>, <c>ElapsedMs</c>), which
/// searches and alerts already use.
/// </summary>
internal static class RequestLogEvent
{
    public const int Id = 7020;

    // :l renders the strings unquoted in every formatter's rendered message, not only in text templates' {Message:lj}.
    public const string MessageTemplate = "HTTP {Method:l} {Path:l}{Query:l} responded {StatusCode} in {ElapsedMs:F1} ms";

    // The shape Microsoft.Extensions.Logging events carry, so providers and searches find 7020 like any other id.
    private static readonly LogEventProperty EventId = new("EventId", new StructureValue(
    [
        new LogEventProperty("Id", new ScalarValue(Id)),
        new LogEventProperty("Name", new ScalarValue("Request")),
    ]));

    public static IEnumerable<LogEventProperty> Properties(HttpContext context, string requestPath, double elapsedMs, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return
        [
            EventId,
            new LogEventProperty("Method", new ScalarValue(request.Method)),
            new LogEventProperty("Path", new ScalarValue(request.Path.Value ?? requestPath)),
            new LogEventProperty("Query", new ScalarValue(request.QueryString.Value ?? "")),
            new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
            new LogEventProperty("ElapsedMs", new ScalarValue(elapsedMs)),
        ];
    }
}
