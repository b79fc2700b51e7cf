using System.Diagnostics;

namespace HealthGate.Logging;

/// <summary>
/// Logs method, path, status and elapsed time of launcher and operator requests (<c>/preflight</c>, <c>/overrides</c>).
/// Probe and scrape traffic is not logged: it arrives every few seconds and says nothing.
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    private static readonly PathString[] LoggedPrefixes = ["/preflight", "/overrides"];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsLogged(context.Request.Path))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        // An exception escaping here becomes a 500 in the exception handler further out.
        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            status = context.Response.StatusCode;
        }
        finally
        {
            var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var request = context.Request;
            LoggingLog.Request(logger, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", status, elapsedMs);
        }
    }

    public static bool IsLogged(PathString path) => Array.Exists(LoggedPrefixes, path.StartsWithSegments);
}
