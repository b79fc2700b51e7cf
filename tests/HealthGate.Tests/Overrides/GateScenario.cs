using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// The service with one P0, one P1 and one P2 check against a stand-in, runs of any verdict on demand, and the desk's
/// people, each with their own key: olga (operator), jane (risk-manager), bob (cto), tess (team-lead), rita (both
/// risk-manager and cto), and the launcher's service key.
/// </summary>
internal sealed class GateScenario : IAsyncDisposable
{
    public const string Key = "test-key-5f1d9c0e7b";

    private readonly HttpStandIn _standIn;
    private readonly string _prefix = "/" + Guid.NewGuid().ToString("N");
    private readonly HealthGateApplication _app;
    private readonly WebApplicationFactory<Program> _factory;

    public GateScenario(HttpStandIn standIn, (string Key, object? Value)[] settings, Action<IServiceCollection>? services = null)
    {
        _standIn = standIn;
        _app = HealthGateApplication.With([
            .. Check("core", "http", "P0", ("Url", standIn.Url(_prefix + "/p0"))),
            .. Check("feed", "http", "P1", ("Url", standIn.Url(_prefix + "/p1"))),
            .. Check("cosmetic", "http", "P2", ("Url", standIn.Url(_prefix + "/p2"))),
            .. settings,
        ]);
        _factory = services is null ? _app : _app.WithWebHostBuilder(b => b.ConfigureTestServices(services));
        Client = _factory.CreateClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static GateScenario WithKey(HttpStandIn standIn, Action<IServiceCollection>? services = null) =>
        new(standIn, [("Auth:ApiKeys:ops", Key)], services);

    /// <summary>Each person's own key: the id is who the gate records, whatever a body says.</summary>
    public static readonly IReadOnlyDictionary<string, string> PersonKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["olga"] = "olga-key-0f3a9d",
        ["jane"] = "jane-key-71b2c4",
        ["bob"] = "bob-key-e05d18",
        ["tess"] = "tess-key-9a6c33",
        ["rita"] = "rita-key-4d2e90",
    };

    /// <summary>Each person's display name and configured roles.</summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string[] Roles)> Desk = new Dictionary<string, (string, string[])>(StringComparer.Ordinal)
    {
        ["olga"] = ("Olga Ivanova", ["operator"]),
        ["jane"] = ("Jane Smith", ["risk-manager"]),
        ["bob"] = ("Bob Jones", ["cto"]),
        ["tess"] = ("Tess Ode", ["team-lead"]),
        ["rita"] = ("Rita Moreau", ["risk-manager", "cto"]),
    };

    public static (string Key, object? Value)[] People(params (string Key, object? Value)[] more) =>
    [
        .. Desk.SelectMany(p => Person(p.Key, p.Value.Name, p.Value.Roles)),
        ("Auth:ApiKeys:ops", Key),
        .. more,
    ];

    /// <summary>The <c>Auth</c> section of a desk file with the same people and service key, for a service process.</summary>
    public static object AuthSection() => new Dictionary<string, object>(StringComparer.Ordinal)
    {
        ["ApiKeys"] = new Dictionary<string, string>(StringComparer.Ordinal) { ["ops"] = Key },
        ["People"] = Desk.ToDictionary(p => p.Key, p => new { p.Value.Name, p.Value.Roles, KeySha256 = KeySha256(p.Key) }),
    };

    public static GateScenario WithPeople(HttpStandIn standIn, params (string Key, object? Value)[] more) => new(standIn, People(more));

    private static IEnumerable<(string Key, object? Value)> Person(string id, string name, params string[] roles) =>
    [
        ($"Auth:People:{id}:Name", name),
        ($"Auth:People:{id}:KeySha256", KeySha256(id)),
        .. roles.Select((role, i) => ($"Auth:People:{id}:Roles:{i}", (object?)role)),
    ];

    private static string KeySha256(string id) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(PersonKeys[id])));

    /// <summary>The key of a person id, or the service key for "ops", or null for no credential.</summary>
    public static string? KeyOf(string? who) => who switch
    {
        null => null,
        "ops" => Key,
        _ => PersonKeys.TryGetValue(who, out var key) ? key : who,
    };

    public Task<HttpResponseMessage> RequestAsync(object body, string? who) => SendAsync("/overrides", body, who);

    public Task<HttpResponseMessage> DecideAsync(long id, string decision, string? who, string? comment = null) =>
        SendAsync($"/overrides/{id}/approvals", new { decision, comment }, who);

    public Task<HttpResponseMessage> UseAsync(long id, string? who, string? runId = null) =>
        SendAsync($"/overrides/{id}/use", runId is null ? null : new { runId }, who);

    public async Task<HttpResponseMessage> SendAsync(string path, object? body, string? who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (KeyOf(who) is { } key)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>A complete request body for <paramref name="mode"/>: live needs the ticket, impact and mitigation.</summary>
    public static object Request(string kind, string mode, string? runId) => new
    {
        kind,
        mode,
        runId,
        reason = "exchange status page is stale",
        ticket = "CHG-42",
        impact = "orders may route to a venue whose status is unknown",
        mitigation = "desk head watches fills for the first hour",
    };

    /// <summary>Runs a preflight whose verdict is <paramref name="verdict"/> and returns its run id.</summary>
    public async Task<string> RunAsync(string verdict, string mode = "live")
    {
        _standIn.Respond(_prefix + "/p0", verdict == "P0_FAIL" ? 500 : 200, "x");
        _standIn.Respond(_prefix + "/p1", verdict is "P0_FAIL" or "P1_FAIL" ? 500 : 200, "x");
        _standIn.Respond(_prefix + "/p2", verdict == "P2_WARN" ? 500 : 200, "x");
        var response = await Client.GetAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(verdict, json.GetProperty("verdict").GetString());
        return json.GetProperty("runId").GetString()!;
    }

    public async Task<HttpResponseMessage> PostAsync(object body, string? key = Key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/overrides") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await Client.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
