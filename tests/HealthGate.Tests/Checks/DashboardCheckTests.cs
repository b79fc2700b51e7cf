using System.Collections.Concurrent;
using System.Text.Json;
using HealthGate.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>The <c>dashboard</c> check against a stand-in answering as Grafana's HTTP API documents it.</summary>
public sealed class DashboardCheckTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private const string Token = "glsa_Grafana-Token-5kQ";

    private readonly HttpStandIn _grafana = fixture.StandIn;
    private readonly ConcurrentQueue<string> _authorizations = new();

    [Fact]
    public async Task EveryRequiredDashboardFoundIsHealthyAndEachRequestCarriesTheBearerToken()
    {
        Dashboard("dash-ok-a", "Desk overview");
        Dashboard("dash-ok-b", "Gate");

        var check = await RunAsync(["dash-ok-a", "dash-ok-b"]);

        Assert.Equal("Healthy", check.Status());
        Assert.Equal("ok", check.Reason());
        Assert.Equal(2, check.Data("found").GetInt32());
        Assert.Equal([$"Bearer {Token}", $"Bearer {Token}"], _authorizations);
    }

    [Fact]
    public async Task A404IsAMissingDashboardNamedInData()
    {
        Dashboard("dash-404-a", "Desk overview");

        var check = await RunAsync(["dash-404-a", "dash-404-gone", "dash-404-also"]);

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("missing_dashboard", check.Reason());
        Assert.Equal(["dash-404-gone", "dash-404-also"], check.Data("missing").Strings());
        Assert.Equal(1, check.Data("found").GetInt32());
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task ARefusedTokenIsUnexpectedStatusNotAMissingDashboard(int status)
    {
        var uid = $"dash-auth-{status}";
        _grafana.Respond($"/api/dashboards/uid/{uid}", status, """{"message":"invalid API key"}""");

        var check = await RunAsync([uid, "dash-auth-missing"]);

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("unexpected_status", check.Reason());
        Assert.Equal(status, check.Data("statusCode").GetInt32());
        Assert.Contains("refused the token", check.Description(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARedirectToTheLoginPageIsUnexpectedStatus()
    {
        _grafana.Respond("/api/dashboards/uid/dash-login", context =>
        {
            context.Response.Redirect("/login");
            return Task.CompletedTask;
        });

        var check = await RunAsync(["dash-login"]);

        Assert.Equal("unexpected_status", check.Reason());
    }

    [Fact]
    public async Task AServerErrorIsUnexpectedStatus()
    {
        _grafana.Respond("/api/dashboards/uid/dash-500", 500, """{"message":"database is locked"}""");

        var check = await RunAsync(["dash-500"]);

        Assert.Equal("unexpected_status", check.Reason());
    }

    [Theory]
    [InlineData("""{"dashboard":{"uid":"someone-else","title":"T"},"meta":{}}""")]
    [InlineData("""{"dashboard":{"uid":"DASH-INVALID","title":"T"},"meta":{}}""")]
    [InlineData("""{"dashboard":{"uid":"dash-invalid","title":"T"}}""")]
    [InlineData("""{"dashboard":{"uid":"dash-invalid"},"meta":{}}""")]
    [InlineData("""{"dashboard":null,"meta":{}}""")]
    [InlineData("""{"dashboard":{"uid":"dash-invalid","uid":"dash-invalid","title":"T"},"meta":{}}""")]
    [InlineData("""{"dashboard":{"uid":"dash-invalid","title":"T"},"meta":{},"meta":{}}""")]
    [InlineData("""[{"uid":"dash-invalid"}]""")]
    [InlineData("""<!doctype html><title>Grafana</title>""")]
    public async Task A200ThatIsNotTheRequestedGrafanaDashboardIsInvalidResponse(string body)
    {
        _grafana.Respond("/api/dashboards/uid/dash-invalid", 200, body);

        var check = await RunAsync(["dash-invalid"]);

        Assert.Equal("Unhealthy", check.Status());
        Assert.Equal("invalid_response", check.Reason());
    }

    [Fact]
    public async Task TheTokenAppearsInNoResponseLogOrReport()
    {
        Dashboard("dash-secret", "Desk");
        var logs = new CapturingLoggerProvider();
        await using var app = HealthGateApplication.With(Check("grafana", "dashboard", "P2", ("Url", _grafana.BaseUrl), ("Token", Token), ("RequiredDashboards", Names("dash-secret", "dash-secret-gone"))));
        await using var logged = app.CapturingLogs(logs);
        using var client = logged.CreateClient();

        var preflight = await (await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative))).Content.ReadAsStringAsync();
        var runId = JsonDocument.Parse(preflight).RootElement.GetProperty("runId").GetString();
        var report = await client.GetStringAsync(new Uri($"/preflight/runs/{runId}/report.md", UriKind.Relative));
        var checks = await client.GetStringAsync(new Uri("/checks", UriKind.Relative));

        Assert.Contains("missing_dashboard", preflight, StringComparison.Ordinal);
        Assert.Contains("missing_dashboard", report, StringComparison.Ordinal);
        Assert.NotEmpty(_authorizations);
        foreach (var text in Names(preflight, report, checks))
        {
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }

        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Token, StringComparison.Ordinal) || e.Properties.Values.Any(v => v?.ToString()?.Contains(Token, StringComparison.Ordinal) == true));
    }

    [Theory]
    [InlineData("Token=t;RequiredDashboards:0=a", "HealthGate:Checks:grafana:Url: is required")]
    [InlineData("Url=http://127.0.0.1:3000;RequiredDashboards:0=a", "HealthGate:Checks:grafana:Token: is required")]
    [InlineData("Url=http://127.0.0.1:3000;Token=t", "HealthGate:Checks:grafana:RequiredDashboards: list the dashboard uids")]
    [InlineData("Url=http://127.0.0.1:3000;Token=t;RequiredDashboards:0=a/b", "HealthGate:Checks:grafana:RequiredDashboards: a Grafana uid has")]
    [InlineData("Url=http://127.0.0.1:3000;Token=t;RequiredDashboards:0=a;RequiredDashboards:1=a", "HealthGate:Checks:grafana:RequiredDashboards: must not name an item twice")]
    [InlineData("Url=http://127.0.0.1:3000/#x;Token=t;RequiredDashboards:0=a", "HealthGate:Checks:grafana:Url: must be a base URL")]
    public void BadConfigurationIsRefusedNamingTheKey(string settings, string expected)
    {
        var keys = settings.Split(';').Select(pair => pair.Split('=', 2)).Select(pair => (pair[0], (object?)pair[1])).ToArray();

        var errors = CheckJson.ConfigErrors(Check("grafana", "dashboard", "P2", keys));

        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    /// <summary>Grafana's documented answer for GET /api/dashboards/uid/{uid}, recording the Authorization header.</summary>
    private void Dashboard(string uid, string title) =>
        _grafana.Respond($"/api/dashboards/uid/{uid}", async context =>
        {
            _authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                dashboard = new { id = 1, uid, title, tags = Names("trading"), timezone = "utc", schemaVersion = 39, version = 3 },
                meta = new { isStarred = false, url = $"/d/{uid}/desk", folderId = 0, folderUid = "", slug = "desk", canEdit = false },
            }));
        });

    private async Task<JsonElement> RunAsync(string[] uids)
    {
        await using var app = HealthGateApplication.With(Check("grafana", "dashboard", "P2", ("Url", _grafana.BaseUrl), ("Token", Token), ("RequiredDashboards", uids)));
        return await CheckJson.RunAsync(app, "grafana");
    }

    private static string[] Names(params string[] names) => names;
}
