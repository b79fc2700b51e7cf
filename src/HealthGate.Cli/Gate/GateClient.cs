using System.Net.Http.Json;
using System.Text.Json;

namespace HealthGate.Cli.Gate;

/// <summary>
/// Talks to the HealthGate service. Each call has the whole <c>--timeout</c> budget (connect, headers and body);
/// unreachable or silent becomes a <see cref="GateAbortException"/> with a one-line cause.
/// </summary>
internal sealed class GateClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    // Absent rather than null: the gate refuses a body that so much as names a retired field (operator, approvers).
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public GateClient(Uri baseUrl, string? apiKey, TimeSpan timeout, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _timeout = timeout;
        _time = time;
        Display = Describe(baseUrl);
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        _http = new HttpClient(handler)
        {
            BaseAddress = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = 4 * 1024 * 1024,
        };
        if (apiKey is not null)
        {
            _http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }
    }

    /// <summary>The gate's address for messages: never credentials embedded in the URL.</summary>
    public string Display { get; }

    public async Task<PreflightAnswer> PreflightAsync(string mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mode);
        var uri = new Uri($"preflight?mode={Uri.EscapeDataString(mode)}", UriKind.Relative);
        var started = _time.GetTimestamp();
        var answer = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);
        if (answer.IsTooManyRequests)
        {
            // Honoured once, within the same budget: a launcher waits its turn, but never loops on a throttled gate.
            var wait = answer.RetryAfter ?? TimeSpan.FromSeconds(1);
            if (_time.GetElapsedTime(started) + wait >= _timeout)
            {
                throw new GateAbortException($"the gate at {Display} refused with 429 (too many requests) and asked to retry after {wait.TotalSeconds:0.#} s, past the {_timeout.TotalSeconds:0.#} s timeout");
            }

            await Task.Delay(wait, _time, cancellationToken);
            answer = await SendAsync(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken, _timeout - _time.GetElapsedTime(started));
            if (answer.IsTooManyRequests)
            {
                throw new GateAbortException($"the gate at {Display} refused with 429 (too many requests) twice");
            }
        }

        // The window is the answered request's own: after a 429, the retry's, not the first attempt's.
        var window = answer.Window ?? throw new InvalidOperationException("an answer from the wire always has its window");
        return new PreflightAnswer(PreflightReportReader.Read(answer.Status, answer.Body, mode, _time.GetUtcNow()), window);
    }

    /// <summary>The path a run is read back from, relative to the gate's address.</summary>
    public static string RunPath(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return $"preflight/runs/{Uri.EscapeDataString(runId)}";
    }

    /// <summary><c>GET /preflight/runs/{runId}</c>: the run as the gate recorded it, whatever its status code.</summary>
    public Task<GateAnswer> ReadRunAsync(string runId, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(RunPath(runId), UriKind.Relative)), cancellationToken);

    /// <summary><c>GET</c> a path relative to the gate's address (a query included), whatever its status code.</summary>
    public Task<GateAnswer> GetAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative)), cancellationToken);
    }

    /// <summary><c>POST</c> a JSON body (null fields left out) to a path relative to the gate's address.</summary>
    public Task<GateAnswer> PostAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        return SendAsync(
            new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, options: Json) },
            cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static string Describe(Uri url) =>
        new UriBuilder(url) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    private async Task<GateAnswer> SendAsync(HttpRequestMessage message, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        using var request = message;
        using var timeout = new CancellationTokenSource(budget ?? _timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var sent = _time.GetUtcNow();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            return new GateAnswer((int)response.StatusCode, body)
            {
                RetryAfter = response.Headers.RetryAfter?.Delta,
                Window = new RequestWindow(sent, _time.GetUtcNow()),
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new GateAbortException($"the gate at {Display} did not answer within {_timeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            throw new GateAbortException($"the gate at {Display} is unreachable: {OneLine.Of(ex.Message)}", ex);
        }
    }
}
