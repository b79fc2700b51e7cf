namespace HealthGate.Metrics;

/// <summary>The <c>/metrics</c> response: always 200, the exposition streamed into the response body.</summary>
internal sealed class ExpositionResult(MetricsExporter exporter) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MetricsExporter.ContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        httpContext.Response.Headers.CacheControl = "no-store";
        await exporter.ExportAsync(httpContext.Response.Body, httpContext.RequestAborted);
    }
}
