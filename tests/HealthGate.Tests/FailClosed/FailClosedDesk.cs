using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// A desk as a user runs it: the real service process from a working directory of its own, with real PostgreSQL
/// and Redis checks and an HTTP stand-in for the trading backend and the exchange. Each row sets what the
/// stand-in answers; the checks, modes, people and keys stay as configured here.
/// </summary>
public sealed class FailClosedDesk(PostgresServer postgres) : IAsyncLifetime
{
    public const string ApiKey = "fail-closed-key-3b9e";
    public const int MaxClockSkewMs = 1000;

    /// <summary>The desk's people, each with their own key: olga operator, anna and ivan risk-managers, bert cto, rita both, tess team-lead.</summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string[] Roles, string Key)> People = new Dictionary<string, (string, string[], string)>(StringComparer.Ordinal)
    {
        ["olga"] = ("Olga Ivanova", ["operator"], "fc-olga-key-61d0"),
        ["anna"] = ("Anna Berg", ["risk-manager"], "fc-anna-key-2c7e"),
        ["bert"] = ("Bert Kahn", ["cto"], "fc-bert-key-94fa"),
        ["rita"] = ("Rita Moreau", ["risk-manager", "cto"], "fc-rita-key-0b35"),
        ["tess"] = ("Tess Ode", ["team-lead"], "fc-tess-key-d81c"),
        ["ivan"] = ("Ivan Petrov", ["risk-manager"], "fc-ivan-key-5e27"),
    };

    private readonly RedisServer _redis = new();
    private readonly TempDirectory _directory = new();

    public HttpStandIn StandIn { get; } = new();

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>A second desk with no API key configured at all.</summary>
    public ServiceProcess Keyless { get; private set; } = null!;

    public RequestCounter RiskHits { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = postgres.CreateDatabaseAsync();
        await Task.WhenAll(database, _redis.InitializeAsync(), StandIn.InitializeAsync());
        SetHealthy();
        // live leaves out P2 so only the coalescing row waits for the slow check, which it holds for up to its timeout.
        // Readiness runs at start only: the rows count the requests that reach the stand-in, and each must be a preflight's.
        var config = Path.Combine(_directory.Path, "desk.json");
        await File.WriteAllTextAsync(config, $$"""
            { "HealthGate": {
              "Checks": {
                "postgres": { "Type": "postgres", "Tier": "P0", "ConnectionString": "{{await database}}" },
                "redis": { "Type": "redis", "Tier": "P0", "ConnectionString": "{{_redis.ConnectionString}}" },
                "risk": { "Type": "risk", "Tier": "P0", "Url": "{{StandIn.Url("/fc/risk")}}", "DegradedLevels": [ "ELEVATED" ] },
                "exchange": { "Type": "exchange", "Tier": "P1", "PingUrl": "{{StandIn.Url("/fc/ping")}}", "TimeUrl": "{{StandIn.Url("/fc/time")}}",
                              "MaxClockSkewMs": {{MaxClockSkewMs}}, "TimeoutMs": 5000 },
                "slow": { "Type": "http", "Tier": "P2", "Url": "{{StandIn.Url("/fc/slow")}}", "TimeoutMs": 30000 }
              },
              "Readiness": { "PeriodSeconds": 86400 },
              "Modes": { "paper": { "Tiers": [ "P0" ] }, "live": { "Tiers": [ "P0", "P1" ] }, "coalesce": { "Tiers": [ "P0", "P2" ] } },
              "Auth": { "ApiKeys": { "ops": "{{ApiKey}}" }, "People": {{PeopleJson()}} }
            } }
            """);
        var keyless = _directory.WriteConfig(new { HealthGate = new { Checks = new { disk = TempDirectory.BaselineCheck } } }, "keyless.json");
        Service = ServiceProcess.Start(new() { WorkingDirectory = _directory.Path, ConfigFile = config });
        // A working directory, and so a SQLite store, of its own: a store serves one process.
        Keyless = ServiceProcess.Start(new() { WorkingDirectory = _directory.Subdirectory("keyless"), ConfigFile = keyless });
        await Task.WhenAll(Service.WaitUntilServingAsync(), Keyless.WaitUntilServingAsync());
        await Readiness.WaitForEntryAsync(Service.Client, "risk");
    }

    /// <summary>Every answer as a healthy backend and exchange give it.</summary>
    public void SetHealthy()
    {
        RiskHits = RespondCounted("/fc/risk", """{"global_risk":{"level":"NORMAL"},"ess":{"active":false}}""");
        StandIn.Respond("/fc/ping", 200, "{}");
        ServeTime(TimeSpan.Zero, TimeSpan.Zero, stampOnArrival: true);
        StandIn.Count("/fc/slow");
    }

    /// <summary>The slow check's answers wait for <paramref name="release"/>; counts the requests that reached it.</summary>
    public RequestCounter HoldSlow(Task release)
    {
        var counter = new RequestCounter();
        StandIn.Respond("/fc/slow", async context =>
        {
            counter.Increment();
            await release.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        return counter;
    }

    public void SetRisk(string body) => RiskHits = RespondCounted("/fc/risk", body);

    /// <summary>
    /// The exchange's time endpoint with its clock <paramref name="skew"/> off ours, answering <paramref name="delay"/>
    /// after the request arrives, stamped on arrival or just before the answer leaves.
    /// </summary>
    public void ServeTime(TimeSpan skew, TimeSpan delay, bool stampOnArrival) => StandIn.Respond("/fc/time", async context =>
    {
        var stamp = DateTimeOffset.UtcNow + skew;
        await Task.Delay(delay, context.RequestAborted);
        if (!stampOnArrival)
        {
            stamp = DateTimeOffset.UtcNow + skew;
        }

        var body = $$"""{"serverTime":{{stamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}}}""";
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.WriteAsync(body);
    });

    public async Task<PreflightAnswer> PreflightAsync(string mode)
    {
        using var response = await Service.Client.GetAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative));
        return new PreflightAnswer((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public static Task<HttpResponseMessage> PostOverrideAsync(ServiceProcess service, object body, string? key) => PostAsync(service, "/overrides", body, key);

    /// <summary>POST with <paramref name="who"/>'s credential: a person's id or "ops" for the service key; anything else is sent as the key itself.</summary>
    public static async Task<HttpResponseMessage> PostAsync(ServiceProcess service, string path, object? body, string? who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
        if (who is not null)
        {
            request.Headers.Add("X-Api-Key", who == "ops" ? ApiKey : People.TryGetValue(who, out var person) ? person.Key : who);
        }

        return await service.Client.SendAsync(request);
    }

    /// <summary>A complete live skip_health_check, with the row's name as its ticket so the log shows which row asked.</summary>
    public static object Skip(string ticket) => new
    {
        kind = "skip_health_check",
        mode = "live",
        reason = "fail-closed row",
        ticket,
        impact = "orders may go out while the feed is unproven",
        mitigation = "desk head watches fills",
    };

    /// <summary>Requests a live skip as <paramref name="who"/> and returns its id (the request must be accepted).</summary>
    public async Task<long> RequestSkipAsync(string who, string ticket)
    {
        using var response = await PostAsync(Service, "/overrides", Skip(ticket), who);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }

    public Task<HttpResponseMessage> DecideAsync(long id, string decision, string who) =>
        PostAsync(Service, $"/overrides/{id}/approvals", new { decision }, who);

    public async Task<JsonElement> GetOverrideAsync(long id) =>
        JsonDocument.Parse(await Service.Client.GetStringAsync(new Uri($"/overrides/{id}", UriKind.Relative))).RootElement.Clone();

    private static string PeopleJson() => JsonSerializer.Serialize(People.ToDictionary(
        p => p.Key,
        p => new { p.Value.Name, p.Value.Roles, KeySha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(p.Value.Key))) }));

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Keyless.DisposeAsync();
        await StandIn.DisposeAsync();
        await _redis.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Counts the requests answered (the body written), so a row can wait for an answer, not only for a request.</summary>
    private RequestCounter RespondCounted(string path, string body)
    {
        var counter = new RequestCounter();
        StandIn.Respond(path, async context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
            await context.Response.CompleteAsync();
            counter.Increment();
        });
        return counter;
    }
}

/// <summary>A preflight as the launcher sees it: the HTTP status and the preflight JSON.</summary>
public sealed record PreflightAnswer(int Status, JsonElement Json)
{
    public string Verdict => Json.GetProperty("verdict").GetString()!;

    public string RunId => Json.GetProperty("runId").GetString()!;

    public JsonElement Check(string name) => Json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>GO; on failure the message is the whole run, so the check that said otherwise is named.</summary>
    public void AssertPass() => Assert.True(Verdict == "PASS", Json.GetRawText());

    /// <summary>NO-GO as every launcher reads it: a failing verdict, exit code 1 or 2, and HTTP 503.</summary>
    public void AssertNoGo(string verdict)
    {
        Assert.Equal(verdict, Verdict);
        Assert.Equal(503, Status);
        Assert.True(Json.GetProperty("exitCode").GetInt32() is 1 or 2, Json.GetRawText());
    }
}
