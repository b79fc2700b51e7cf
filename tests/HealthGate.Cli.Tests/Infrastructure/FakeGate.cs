using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// An <see cref="HttpStandIn"/> playing the gate under a path prefix of its own: it answers /preflight,
/// /preflight/runs/{runId} and /overrides as the test says and records every request the CLI makes. A well-formed
/// preflight answer is also kept as its run, so reading it back gives it unchanged, as the real gate's history does.
/// </summary>
internal sealed class FakeGate
{
    private readonly HttpStandIn _standIn;
    private readonly string _prefix = "/gate-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public FakeGate(HttpStandIn standIn)
    {
        _standIn = standIn;
        AnswerOverrides(201, """{"id":"01TESTOVERRIDE"}""");
    }

    public string Url => _standIn.Url(_prefix);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Overrides => [.. _requests.Where(r => r.Path.EndsWith("/overrides", StringComparison.Ordinal))];

    /// <summary>The read-backs: requests for <c>/preflight/runs/{runId}</c>.</summary>
    public IReadOnlyList<RecordedRequest> RunReads => [.. _requests.Where(r => r.Path.Contains("/preflight/runs/", StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> Preflights => [.. _requests.Where(r => r.Path.EndsWith("/preflight", StringComparison.Ordinal))];

    public FakeGate AnswerPreflight(int status, string body, string contentType = "application/json")
    {
        _standIn.Respond(_prefix + "/preflight", Record(status, body, contentType));
        return this;
    }

    /// <summary>A well-formed preflight answer, with the status code the service would use.</summary>
    public FakeGate AnswerPreflight(string json) =>
        KeepRun(json).AnswerPreflight(JsonDocument.Parse(json).RootElement.GetProperty("verdict").GetString() is "PASS" or "P2_WARN" ? 200 : 503, json);

    /// <summary>
    /// Answers as a gate that runs its checks when asked: <paramref name="json"/> with <c>startedAt</c> the moment of
    /// the request and <c>expiresAt</c> as long after it as in <paramref name="json"/>, kept as its run for the read-back.
    /// </summary>
    public FakeGate AnswerFreshRun(string json)
    {
        _standIn.Respond(_prefix + "/preflight", FreshRun(json));
        return this;
    }

    /// <summary>What <c>GET /preflight/runs/{runId}</c> answers from now on.</summary>
    public FakeGate AnswerRun(string runId, int status, string body, string contentType = "application/json")
    {
        _standIn.Respond(RunPath(runId), Record(status, body, contentType));
        return this;
    }

    public FakeGate HangRun(string runId)
    {
        _standIn.Hang(RunPath(runId));
        return this;
    }

    /// <summary>The run of <paramref name="json"/> is in the history, exactly as answered.</summary>
    public FakeGate KeepRun(string json) =>
        JsonDocument.Parse(json).RootElement.TryGetProperty("runId", out var runId) && runId.GetString() is { Length: > 0 } id
            ? AnswerRun(id, 200, json)
            : this;

    /// <summary>429 with <c>Retry-After: 1</c> for the first <paramref name="throttled"/> preflights, then <paramref name="json"/>.</summary>
    public FakeGate ThrottlePreflight(int throttled, string json)
    {
        var answered = 0;
        var then = FreshRun(json);
        var problem = Record(429, """{"title":"Too many requests","status":429}""", "application/problem+json");
        _standIn.Respond(_prefix + "/preflight", context =>
        {
            if (Interlocked.Increment(ref answered) > throttled)
            {
                return then(context);
            }

            context.Response.Headers.RetryAfter = "1";
            return problem(context);
        });
        return this;
    }

    public FakeGate AnswerOverrides(int status, string body)
    {
        _standIn.Respond(_prefix + "/overrides", Record(status, body, status >= 400 ? "application/problem+json" : "application/json"));
        return this;
    }

    public FakeGate HangPreflight()
    {
        _standIn.Hang(_prefix + "/preflight");
        return this;
    }

    public FakeGate HangOverrides()
    {
        _standIn.Hang(_prefix + "/overrides");
        return this;
    }

    private Func<HttpContext, Task> FreshRun(string json) => context =>
    {
        var run = JsonNode.Parse(json)!.AsObject();
        var ttl = DateTimeOffset.Parse(run["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            - DateTimeOffset.Parse(run["startedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow;
        run["startedAt"] = Timestamps.ToText(now);
        run["expiresAt"] = Timestamps.ToText(now + ttl);
        var body = run.ToJsonString();
        KeepRun(body);
        return Record(200, body, "application/json")(context);
    };

    private string RunPath(string runId) => $"{_prefix}/preflight/runs/{Uri.EscapeDataString(runId)}";

    private Func<HttpContext, Task> Record(int status, string body, string contentType) => async context =>
    {
        using var reader = new StreamReader(context.Request.Body);
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers["X-Api-Key"].FirstOrDefault(),
            context.Request.ContentType,
            await reader.ReadToEndAsync()));
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    };
}
