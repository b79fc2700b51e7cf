using System.Reflection;
using HealthChecks.UI.Client;
using HealthChecks.UI.Core;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Health;

/// <summary>
/// A readiness answer written once by HealthChecks UI's <see cref="UIResponseWriter"/> and then served as bytes,
/// so a probe costs a copy, not a serialization: 200 unless the report is Unhealthy, then 503.
/// </summary>
internal sealed class ReadinessBody : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string Json = "application/json";

    private ReadinessBody(HealthStatus status, byte[] utf8)
    {
        Status = status;
        Utf8 = utf8;
    }

    public HealthStatus Status { get; }

    public ReadOnlyMemory<byte> Utf8 { get; }

    public int StatusCode => Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => Json;

    public static async Task<ReadinessBody> WriteAsync(HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        var context = new DefaultHttpContext { Response = { Body = buffer } };
        // NoExceptionDetails: an exception's message could carry what the redactor never saw.
        await UIResponseWriter.WriteHealthCheckUIResponseNoExceptionDetails(context, report);
        await context.Response.CompleteAsync();
        return new ReadinessBody(report.Status, buffer.ToArray());
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = Json;
        httpContext.Response.ContentLength = Utf8.Length;
        return httpContext.Response.BodyWriter.WriteAsync(Utf8).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(UIHealthReport), [Json]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(UIHealthReport), [Json]));
    }
}
