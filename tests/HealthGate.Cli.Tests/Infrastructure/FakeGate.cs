using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>
/// An <see cref="HttpStandIn"/> playing the gate under a path prefix of its own: it answers /preflight,
/// /preflight/runs/{runId}, /overrides (request, read, approvals, use) and /oplog as the test says and records every
/// request the CLI makes. A well-formed preflight answer is also kept as its run, so reading it back gives it
/// unchanged, as the real gate's history does.
/// </summary>
internal sealed class FakeGate
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpStandIn _standIn;
    private readonly string _prefix = "/gate-" + Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public FakeGate(HttpStandIn standIn)
    {
        _standIn = standIn;
        AnswerOverrides(201, JsonSerializer.Serialize(OverrideRecords.Pending(), Json));
    }

    public string Url => _standIn.Url(_prefix);

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> Overrides => [.. _requests.Where(r => r.Path.EndsWith("/overrides", StringComparison.Ordinal))];

    /// <summary>The read-backs: requests for <c>/preflight/runs/{runId}</c>.</summary>
    public IReadOnlyList<RecordedRequest> RunReads => [.. _requests.Where(r => r.Path.Contains("/preflight/runs/", StringComparison.Ordinal))];

    /// <summary>The reads of one override: <c>GET /overrides/{id}</c>.</summary>
    public IReadOnlyList<RecordedRequest> OverrideReads => [.. _requests.Where(r => r.Method == "GET" && r.Path.Contains("/overrides/", StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> Approvals => [.. _requests.Where(r => r.Path.EndsWith("/approvals", StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> Uses => [.. _requests.Where(r => r.Path.EndsWith("/use", StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> OpLogReads => [.. _requests.Where(r => r.Path.EndsWith("/oplog", StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> Preflights => [.. _requests.Where(r => r.Path.EndsWith("/preflight", StringComparison.Ordinal))];

    public FakeGate AnswerPreflight(int status, string body, string contentType = "application/json")
    {
        _standIn.Respond(_prefix + "/preflight", Record(status, body, contentType));
        return this;
    }

    /// <summary>A well-formed preflight answer, with the status code the service would use.</summary>
    public FakeGate AnswerPreflight(string json) => KeepRun(json).AnswerPreflight(IsGo(json) ? 200 : 503, json);

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
        _standIn.Respond(_prefix + "/overrides", Record(status, body, ContentType(status)));
        return this;
    }

    /// <summary>Each <c>GET /preflight</c> answers the next of <paramref name="jsons"/> (the last one from then on), each kept as its run.</summary>
    public FakeGate AnswerPreflights(params string[] jsons)
    {
        var answered = -1;
        var answers = new List<Func<HttpContext, Task>>();
        foreach (var json in jsons)
        {
            KeepRun(json);
            answers.Add(Record(IsGo(json) ? 200 : 503, json, "application/json"));
        }

        _standIn.Respond(_prefix + "/preflight", context => answers[Math.Min(Interlocked.Increment(ref answered), answers.Count - 1)](context));
        return this;
    }

    /// <summary><c>GET /overrides/{id}</c> answers the next of <paramref name="states"/> at each read, the last one from then on.</summary>
    public FakeGate AnswerOverride(params OverrideRecord[] states)
    {
        var read = -1;
        var answers = states.Select(state => Record(200, JsonSerializer.Serialize(state, Json), "application/json")).ToArray();
        _standIn.Respond($"{_prefix}/overrides/{states[0].Id}", context => answers[Math.Min(Interlocked.Increment(ref read), answers.Length - 1)](context));
        return this;
    }

    public FakeGate AnswerOverrideRead(long id, int status, string body)
    {
        _standIn.Respond($"{_prefix}/overrides/{id}", Record(status, body, ContentType(status)));
        return this;
    }

    public FakeGate AnswerApprovals(long id, int status, string body)
    {
        _standIn.Respond($"{_prefix}/overrides/{id}/approvals", Record(status, body, ContentType(status)));
        return this;
    }

    public FakeGate AnswerUse(long id, int status, string body)
    {
        _standIn.Respond($"{_prefix}/overrides/{id}/use", Record(status, body, ContentType(status)));
        return this;
    }

    /// <summary><c>POST /overrides/{id}/use</c> answers 200 with the override used for the run the CLI named.</summary>
    public FakeGate AcceptUse(OverrideRecord approved)
    {
        _standIn.Respond($"{_prefix}/overrides/{approved.Id}/use", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var runId = JsonDocument.Parse(body).RootElement.TryGetProperty("runId", out var run) ? run.GetString() : null;
            await Record(200, JsonSerializer.Serialize(OverrideRecords.Used(approved, runId), Json), "application/json", body)(context);
        });
        return this;
    }

    /// <summary>
    /// <c>GET /oplog?after=SEQ&amp;limit=N</c> pages through <paramref name="entries"/> as the gate would: the entries
    /// listed after position SEQ (entries' own seq is not consulted, so a test can serve a tampered log), at most N.
    /// </summary>
    public FakeGate AnswerOpLog(IReadOnlyList<OpLogRecord> entries)
    {
        _standIn.Respond(_prefix + "/oplog", context =>
        {
            var after = int.TryParse(context.Request.Query["after"], out var a) ? a : 0;
            var limit = int.TryParse(context.Request.Query["limit"], out var l) ? l : 100;
            var items = entries.Skip(after).Take(limit).ToList();
            var next = after + items.Count < entries.Count ? (after + items.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
            return Record(200, JsonSerializer.Serialize(new Page<OpLogRecord>(items, next), Json), "application/json")(context);
        });
        return this;
    }

    public FakeGate AnswerOpLog(int status, string body, string contentType = "application/json")
    {
        _standIn.Respond(_prefix + "/oplog", Record(status, body, contentType));
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

    private static bool IsGo(string json) => JsonDocument.Parse(json).RootElement.GetProperty("verdict").GetString() is "PASS" or "P2_WARN";

    private static string ContentType(int status) => status >= 400 ? "application/problem+json" : "application/json";

    /// <summary>Records the request (with <paramref name="read"/> as its body when the handler already read it), then answers.</summary>
    private Func<HttpContext, Task> Record(int status, string body, string contentType, string? read = null) => async context =>
    {
        using var reader = new StreamReader(context.Request.Body);
        _requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.Headers["X-Api-Key"].FirstOrDefault(),
            context.Request.ContentType,
            read ?? await reader.ReadToEndAsync())
        {
            Query = context.Request.QueryString.Value ?? "",
        });
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body);
    };
}
