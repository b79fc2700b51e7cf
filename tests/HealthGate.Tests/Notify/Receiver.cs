using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace HealthGate.Tests.Notify;

/// <summary>
/// A notification receiver on a stand-in path: records every request (headers, exact body bytes) and answers from a
/// script (<c>429</c>, <c>500</c>, <c>drop</c> the connection, <c>hang</c>), then 2xx once the script runs out.
/// </summary>
internal sealed class Receiver
{
    private readonly ConcurrentQueue<string> _script = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly int _success;
    private volatile TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Receiver(HttpStandIn standIn, string path, int success = 200)
    {
        _success = success;
        standIn.Respond(path, HandleAsync);
    }

    public sealed record Received(string Answer, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public bool Accepted => Answer.StartsWith('2');
    }

    public IReadOnlyList<Received> All => [.. _received];

    public IReadOnlyList<Received> Accepted => [.. _received.Where(r => r.Accepted)];

    public void Script(params string[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    /// <summary>Lets every hanging request go (it then answers 2xx) and stops hanging new ones.</summary>
    public void Release() => _release.TrySetResult();

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var answer = _script.TryDequeue(out var scripted) ? scripted : _success.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (answer == "hang")
        {
            _received.Enqueue(new Received(answer, headers, body.ToArray(), DateTimeOffset.UtcNow));
            await _release.Task.WaitAsync(context.RequestAborted);
            answer = "late";
        }

        if (answer == "drop")
        {
            _received.Enqueue(new Received(answer, headers, body.ToArray(), DateTimeOffset.UtcNow));
            context.Abort();
            return;
        }

        if (answer == "late")
        {
            // The sender gave up on it: whatever it answers now counts for nothing.
            return;
        }

        var status = int.Parse(answer, System.Globalization.CultureInfo.InvariantCulture);
        if (status == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        _received.Enqueue(new Received(answer, headers, body.ToArray(), DateTimeOffset.UtcNow));
        context.Response.StatusCode = status;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("{}"));
    }
}
