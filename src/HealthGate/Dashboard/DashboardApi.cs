using HealthGate.Auth;
using HealthGate.Overrides;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace HealthGate.Dashboard;

/// <summary>The operator page at <c>/ui</c>, its files, and <c>/events</c>, the live stream the page listens to.</summary>
internal static class DashboardApi
{
    public const string HtmlContentType = "text/html";

    /// <summary>When a refused page may try its stream again; it polls meanwhile.</summary>
    public const string RefusedRetryAfterSeconds = "10";

    // The page builds its DOM from API data with textContent only; the policy is the second line of defence.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("").WithTags("Dashboard");
        group.MapGet("/ui/", GetPage)
            .WithName("GetDashboard")
            .WithSummary("The operator dashboard (also at /ui without the slash).")
            .Produces<string>(StatusCodes.Status200OK, HtmlContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/ui/{file}", GetFile)
            .WithName("GetDashboardFile")
            .WithSummary("A file of the dashboard (app.js, app.css).")
            .Produces<string>(StatusCodes.Status200OK, "text/javascript", "text/css")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/events", GetEvents).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithName("GetEvents")
            .WithSummary("Server-sent events: 'check' when a check's status changes, 'run' when a readiness run or a preflight completes, 'override' when an override changes; a comment line as heartbeat.")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/events/version", GetEventsVersion).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithName("GetEventsVersion")
            .WithSummary("How many events this gate has published: a page refused an event stream polls this and refreshes only when it changes.");
        return group;
    }

    /// <summary>One number, no store access: the light poll of a page the stream bound refused.</summary>
    public static Ok<EventsVersion> GetEventsVersion(HttpContext context, DashboardEvents events)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new EventsVersion(events.Version));
    }

    public static Results<FileStreamHttpResult, ProblemHttpResult> GetPage(HttpContext context, IWebHostEnvironment environment) =>
        Serve(context, environment, DashboardFiles.Index);

    public static Results<FileStreamHttpResult, ProblemHttpResult> GetFile(string file, HttpContext context, IWebHostEnvironment environment) =>
        Serve(context, environment, file);

    public static Results<EventStreamResult, ProblemHttpResult> GetEvents(
        HttpContext context,
        DashboardEvents events,
        StreamRefusals refusals,
        IHostApplicationLifetime lifetime,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(refusals);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger(typeof(DashboardApi).FullName!);
        var subscription = events.TrySubscribe();
        if (subscription is null)
        {
            if (refusals.Refuse() is > 0 and var refused)
            {
                DashboardLog.StreamRefused(logger, DashboardEvents.MaxStreams, refused);
            }

            // Refused and closed: a page that reconnects on its own must not keep a connection the gate needs for probes.
            context.Response.Headers.Connection = "close";
            context.Response.Headers.RetryAfter = RefusedRetryAfterSeconds;
            return TypedResults.Problem(
                title: "Too many event streams",
                detail: $"{DashboardEvents.MaxStreams} event streams are open; poll GET /events/version and refresh when it changes",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        DashboardLog.StreamOpened(logger, events.Count);
        return new EventStreamResult(subscription, time, () => DashboardLog.StreamClosed(logger, events.Count), lifetime.ApplicationStopping);
    }

    private static Results<FileStreamHttpResult, ProblemHttpResult> Serve(HttpContext context, IWebHostEnvironment environment, string name)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (DashboardFiles.Find(environment, name) is not var (file, contentType))
        {
            return TypedResults.Problem(
                title: "Unknown dashboard file",
                detail: $"no file '{name}' in the dashboard (wwwroot/{DashboardFiles.Folder}/ beside the binary)",
                statusCode: StatusCodes.Status404NotFound);
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache"; // revalidated, so a new release's page is never mixed with an old script
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        var tag = new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\"");
        return TypedResults.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified, entityTag: tag);
    }
}
