using Serilog;
using Serilog.Events;

namespace HealthGate.Logging;

internal static class LoggingServiceCollectionExtensions
{
    // Probe and scrape traffic (/health/*, /metrics, /openapi/*) is not logged: it arrives every few seconds and says nothing.
    private static readonly PathString[] LoggedPrefixes = ["/preflight", "/overrides"];

    /// <summary>Serilog's request-completion event (7020) for launcher and operator requests only.</summary>
    public static IApplicationBuilder UseHealthGateRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The host's own logger, not the static Log.Logger, which another host in the process may own.
        var logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
        return app.UseWhen(
            context => IsLogged(context.Request.Path),
            branch => branch.UseSerilogRequestLogging(options =>
            {
                options.Logger = logger;
                options.MessageTemplate = RequestLogEvent.MessageTemplate;
                options.GetMessageTemplateProperties = RequestLogEvent.Properties;
                // A 503 is the gate's ordinary no-go answer, already logged at Error by its verdict (7010).
                options.GetLevel = static (_, _, _) => LogEventLevel.Information;
            }));
    }

    public static bool IsLogged(PathString path) => Array.Exists(LoggedPrefixes, path.StartsWithSegments);
}
