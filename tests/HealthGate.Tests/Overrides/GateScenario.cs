using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// The service with one P0, one P1 and one P2 check against a stand-in, an API key, and runs of any verdict on demand.
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

    public static object Live(string kind, string? runId, params string[] approvers) => new
    {
        kind,
        mode = "live",
        runId,
        @operator = "olga",
        approvers,
        reason = "exchange status page is stale",
        ticket = "CHG-42",
    };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
