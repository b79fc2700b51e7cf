using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Probing;

/// <summary>
/// One GET for the HTTP-based checks: times it, reads the body, and turns transport failures and unexpected
/// status codes into the shared reasons, so each check only judges the body it got.
/// </summary>
internal sealed class HttpProbe(IHttpClientFactory clients, TimeProvider time)
{
    public const string ClientName = "healthgate-checks";

    /// <summary>Bodies larger than this are refused; a check reads state documents, not downloads.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>GETs <paramref name="url"/> expecting any 2xx with a JSON body; dispose the result.</summary>
    public async Task<JsonProbeResponse> GetJsonAsync(string url, CancellationToken cancellationToken) =>
        JsonProbeResponse.From(await GetAsync(url, expectedStatus: null, cancellationToken));

    public Task<HttpProbeResponse> GetAsync(string url, int? expectedStatus, CancellationToken cancellationToken) =>
        GetAsync(url, expectedStatus, authorization: null, cancellationToken);

    /// <summary>GETs <paramref name="url"/>, sending <paramref name="authorization"/> as the Authorization header when given.</summary>
    public async Task<HttpProbeResponse> GetAsync(string url, int? expectedStatus, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var started = time.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = authorization;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var body = await ReadBodyAsync(response.Content, cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            HealthCheckResult? failure = expectedStatus switch
            {
                null when !response.IsSuccessStatusCode => UnexpectedStatus(status, "a 2xx status"),
                { } expected when status != expected => UnexpectedStatus(status, expected.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => null,
            };
            return new HttpProbeResponse(status, body, elapsed, failure) { Headers = HttpProbeResponse.HeadersOf(response) };
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.InvalidResponse)
        {
            // The target answered, but not in HTTP: it was reached and what it said cannot be read.
            return HttpProbeResponse.Failed(time.GetElapsedTime(started), CheckOutcome.Unhealthy(Reasons.InvalidResponse, $"the answer from {Safe(url)} is not HTTP: {ex.Message}"));
        }
        catch (HttpRequestException ex)
        {
            var description = ex.StatusCode is null ? $"cannot reach {Safe(url)}: {ex.Message}" : ex.Message;
            return HttpProbeResponse.Failed(time.GetElapsedTime(started), CheckOutcome.Unhealthy(Reasons.Unreachable, description));
        }
        catch (InvalidDataException ex)
        {
            return HttpProbeResponse.Failed(time.GetElapsedTime(started), CheckOutcome.Unhealthy(Reasons.InvalidResponse, ex.Message));
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The connection broke while the body was being read; the headers alone prove nothing.
            return HttpProbeResponse.Failed(time.GetElapsedTime(started), CheckOutcome.Unhealthy(Reasons.Unreachable, $"connection to {Safe(url)} lost while reading the body: {ex.Message}"));
        }
    }

    private static HealthCheckResult UnexpectedStatus(int status, string expected) => CheckOutcome.Unhealthy(
        Reasons.UnexpectedStatus,
        $"HTTP {status} ({(HttpStatusCode)status}), expected {expected}",
        new Dictionary<string, object> { ["statusCode"] = status });

    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            throw new InvalidDataException($"response body is larger than {MaxBodyBytes} bytes");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException($"response body is larger than {MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The URL without user info or query, which may carry credentials.</summary>
    internal static string Safe(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}" : url;
}

internal sealed record HttpProbeResponse(int StatusCode, string Body, TimeSpan Elapsed, HealthCheckResult? Failure)
{
    private static readonly Dictionary<string, string[]> NoHeaders = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The response headers (not the content headers), names ignoring case; a header sent twice has two values.</summary>
    public IReadOnlyDictionary<string, string[]> Headers { get; init; } = NoHeaders;

    public double ElapsedMs => Math.Round(Elapsed.TotalMilliseconds, 3);

    internal static Dictionary<string, string[]> HeadersOf(HttpResponseMessage response) =>
        response.Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);

    public static HttpProbeResponse Failed(TimeSpan elapsed, HealthCheckResult failure) => new(0, "", elapsed, failure);
}
