namespace HealthGate.Metrics;

/// <summary>The <c>/metrics</c> response: always 200, the rendered exposition written with its length in one write.</summary>
internal sealed class ExpositionResult(MetricsExporter exporter) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MetricsExporter.ContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var exposition = await exporter.RenderAsync().WaitAsync(httpContext.RequestAborted);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.ContentLength = exposition.Length;
        await httpContext.Response.BodyWriter.WriteAsync(exposition, httpContext.RequestAborted);
    }
}
