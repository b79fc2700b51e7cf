using System.Text;

namespace HealthGate.DemoBackend;

/// <summary>
/// A tiny response written with its Content-Length in one write, so Kestrel sends headers and body together and a
/// client never waits on Nagle and a delayed ACK for a second segment (as chunked JSON results can).
/// </summary>
internal sealed class SmallBody(int statusCode, string contentType, byte[] body) : IResult
{
    private readonly List<KeyValuePair<string, string>> _headers = [];

    public const string Json = "application/json";
    public const string PrometheusText = "text/plain; version=0.0.4; charset=utf-8";

    public static SmallBody Of(string text, string contentType = Json, int statusCode = StatusCodes.Status200OK) =>
        new(statusCode, contentType, Encoding.UTF8.GetBytes(text));

    public SmallBody WithHeader(string name, string value)
    {
        _headers.Add(KeyValuePair.Create(name, value));
        return this;
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        foreach (var (name, value) in _headers)
        {
            httpContext.Response.Headers.Append(name, value);
        }

        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
