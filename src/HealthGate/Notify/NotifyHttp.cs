using System.Net.Http.Headers;
using System.Text;

namespace HealthGate.Notify;

/// <summary>A JSON POST whose body bytes are fixed when it is built (a signature covers exactly them).</summary>
internal static class NotifyHttp
{
    public static HttpRequestMessage Json(string url, string body) => Json(url, Encoding.UTF8.GetBytes(body));

    public static HttpRequestMessage Json(string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Absolute)) { Content = content };
    }
}
