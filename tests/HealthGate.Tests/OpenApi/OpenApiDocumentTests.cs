using System.Text.Json;
using System.Text.RegularExpressions;
using HealthGate.Runs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Tests.OpenApi;

/// <summary>/openapi/v1.json describes every endpoint the service maps, so a new endpoint cannot go undocumented.</summary>
public sealed partial class OpenApiDocumentTests
{
    private const string DocumentRoute = "/openapi/{documentName}.json";

    [Fact]
    public async Task TheDocumentListsEveryMappedEndpoint()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        var document = await GetDocumentAsync(client);

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText != DocumentRoute && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>()?.ExcludeFromDescription != true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {Normalize(p.Name)}"))
            .ToHashSet();

        Assert.Contains("GET /metrics", mapped);
        Assert.Contains("GET /preflight", mapped);
        Assert.Empty(mapped.Except(documented));
    }

    [Theory]
    [InlineData("GET /health/live")]
    [InlineData("GET /health/ready")]
    [InlineData("GET /health/self")]
    [InlineData("GET /preflight")]
    [InlineData("GET /preflight/runs")]
    [InlineData("GET /preflight/runs/{runId}")]
    [InlineData("GET /preflight/runs/{runId}/report.md")]
    [InlineData("POST /overrides")]
    [InlineData("POST /overrides/{id}/approvals")]
    [InlineData("POST /overrides/{id}/use")]
    [InlineData("GET /overrides")]
    [InlineData("GET /overrides/{id}")]
    [InlineData("GET /oplog")]
    [InlineData("GET /oplog/export")]
    [InlineData("GET /preflight/runs/{runId}/evidence.pdf")]
    [InlineData("GET /metrics")]
    [InlineData("GET /ui")]
    [InlineData("GET /checks")]
    [InlineData("GET /checks/{name}/history")]
    [InlineData("GET /events")]
    [InlineData("GET /config")]
    [InlineData("POST /admission/v1/validate")]
    public async Task EveryEndpointOfTheContractIsDocumented(string endpoint)
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();
        var document = await GetDocumentAsync(client);

        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {Normalize(p.Name)}"));

        Assert.Contains(endpoint, documented);
    }

    [Fact]
    public async Task ThePreflightOperationDeclaresItsRunSchemaFor200And503AndAProblemFor400()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var document = await GetDocumentAsync(client);

        var operation = document.GetProperty("paths").GetProperty("/preflight").GetProperty("get");
        Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "mode" && p.GetProperty("in").GetString() == "query");
        var responses = operation.GetProperty("responses");
        foreach (var status in new[] { "200", "503" })
        {
            var schema = responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("#/components/schemas/PreflightRun", schema.GetProperty("$ref").GetString());
        }

        Assert.True(responses.GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var run = schemas.GetProperty("PreflightRun").GetProperty("properties");
        Assert.Equal(
            ["checks", "configHash", "durationMs", "exitCode", "expiresAt", "mode", "reason", "runId", "startedAt", "summary", "verdict"],
            run.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("integer", run.GetProperty("exitCode").GetProperty("type").GetString());
        Assert.Equal("number", run.GetProperty("durationMs").GetProperty("type").GetString());
        Assert.Equal("string", run.GetProperty("startedAt").GetProperty("type").GetString());
        Assert.Equal(["PASS", "P0_FAIL", "P1_FAIL", "P2_WARN"], schemas.GetProperty("Verdict").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        var check = schemas.GetProperty("CheckResult").GetProperty("properties");
        foreach (var field in new[] { "name", "type", "tier", "status", "durationMs", "reason", "description", "data", "dependsOn", "blockedBy" })
        {
            Assert.True(check.TryGetProperty(field, out _), $"CheckResult.{field} is not described");
        }
    }

    [Fact]
    public async Task DependenciesAndBlockersAreDescribedAsListsOfNamesOnRunsAndOnTheChecksView()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var schemas = (await GetDocumentAsync(client)).GetProperty("components").GetProperty("schemas");

        foreach (var schema in new[] { "CheckResult", "CheckView" })
        {
            foreach (var field in new[] { "dependsOn", "blockedBy" })
            {
                var property = schemas.GetProperty(schema).GetProperty("properties").GetProperty(field);
                Assert.Equal("array", property.GetProperty("type").GetString());
                Assert.Equal("string", property.GetProperty("items").GetProperty("type").GetString());
            }
        }

        Assert.True(schemas.GetProperty("CheckHistoryEntry").GetProperty("properties").TryGetProperty("blockedBy", out _), "CheckHistoryEntry.blockedBy is not described");
    }

    [Fact]
    public async Task TheReadinessOperationDeclaresTheHealthChecksUiReportWithNamedStatusesFor200And503()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var document = await GetDocumentAsync(client);

        var responses = document.GetProperty("paths").GetProperty("/health/ready").GetProperty("get").GetProperty("responses");
        foreach (var status in new[] { "200", "503" })
        {
            var schema = responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("#/components/schemas/UIHealthReport", schema.GetProperty("$ref").GetString());
        }

        var statusSchema = document.GetProperty("components").GetProperty("schemas").GetProperty("UIHealthStatus");
        Assert.Equal("string", statusSchema.GetProperty("type").GetString());
        Assert.Equal(["Unhealthy", "Degraded", "Healthy"], statusSchema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task TheSelfOperationDeclaresItsReportFor200And503WithEachConditionsStatusNamed()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var document = await GetDocumentAsync(client);

        var responses = document.GetProperty("paths").GetProperty("/health/self").GetProperty("get").GetProperty("responses");
        foreach (var status in new[] { "200", "503" })
        {
            var schema = responses.GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal("#/components/schemas/SelfReport", schema.GetProperty("$ref").GetString());
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["checkedAt", "conditions", "status"], schemas.GetProperty("SelfReport").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["description", "reason", "status"], schemas.GetProperty("SelfCondition").GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MetricsIsDocumentedAsPrometheusText()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var document = await GetDocumentAsync(client);

        var content = document.GetProperty("paths").GetProperty("/metrics").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.True(content.TryGetProperty("text/plain; version=0.0.4; charset=utf-8", out _), content.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheApiKeySchemeGuardsExactlyTheOperationsThatNeedAKey(bool requireKeyForReads)
    {
        await using var app = HealthGateApplication.With(("Auth:ApiKeys:ops", "openapi-test-key-0123456789"), ("Auth:RequireKeyForReads", requireKeyForReads));
        using var client = app.CreateClient();

        var document = await GetDocumentAsync(client);

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        string[] reads = ["GET /preflight/runs", "GET /preflight/runs/{runId}", "GET /preflight/runs/{runId}/report.md", "GET /overrides", "GET /overrides/{id}", "GET /oplog", "GET /oplog/export", "GET /preflight/runs/{runId}/evidence.pdf", "GET /checks", "GET /checks/{name}/history", "GET /events", "GET /events/version", "GET /config", "GET /acknowledgements"];
        Assert.False(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _), "Bearer is declared on a gate without Auth:Jwt");
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var guarded = OverrideWrites.Contains(name) || (requireKeyForReads && reads.Contains(name));
                var security = operation.Value.GetProperty("security");
                Assert.True(guarded == (security.GetArrayLength() == 1 && security[0].TryGetProperty("ApiKey", out _)), $"{name}: security {security}");
                Assert.True(guarded == operation.Value.GetProperty("responses").TryGetProperty("401", out _), $"{name}: 401 declared is not {guarded}");
            }
        }
    }

    [Fact]
    public async Task WithJwtConfiguredTheOverrideWritesTakeAPersonsKeyOrTheirBearerTokenAndNothingElseDoes()
    {
        await using var app = HealthGateApplication.With(
            ("Auth:ApiKeys:ops", "openapi-test-key-0123456789"),
            ("Auth:Jwt:Authority", "https://idp.example/realms/desk"),
            ("Auth:Jwt:Audience", "healthgate"));
        using var client = app.CreateClient();

        var document = await GetDocumentAsync(client);

        var bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                string[] schemes = [.. operation.Value.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name))];
                Assert.True(OverrideWrites.Contains(name) ? schemes is ["ApiKey", "Bearer"] : schemes.Length == 0, $"{name}: security [{string.Join(", ", schemes)}]");
            }
        }
    }

    private static readonly string[] OverrideWrites = ["POST /overrides", "POST /overrides/{id}/approvals", "POST /overrides/{id}/use", "POST /checks/{name}/acknowledgements"];

    [Theory]
    [InlineData("/overrides", "post", new[] { "201", "400", "401", "404", "409", "413", "503" })]
    [InlineData("/overrides/{id}/approvals", "post", new[] { "200", "400", "401", "403", "404", "409", "413", "503" })]
    [InlineData("/overrides/{id}/use", "post", new[] { "200", "400", "401", "403", "404", "409", "413", "503" })]
    [InlineData("/checks/{name}/acknowledgements", "post", new[] { "201", "400", "401", "403", "404", "413", "503" })]
    [InlineData("/acknowledgements", "get", new[] { "200" })]
    [InlineData("/overrides", "get", new[] { "200", "400" })]
    [InlineData("/overrides/{id}", "get", new[] { "200", "404" })]
    [InlineData("/oplog", "get", new[] { "200", "400" })]
    [InlineData("/oplog/export", "get", new[] { "200", "400", "503" })]
    [InlineData("/preflight/runs/{runId}/evidence.pdf", "get", new[] { "200", "404", "503" })]
    [InlineData("/preflight", "get", new[] { "200", "400", "429", "503" })]
    [InlineData("/preflight/runs", "get", new[] { "200", "400" })]
    [InlineData("/preflight/runs/{runId}", "get", new[] { "200", "404" })]
    [InlineData("/preflight/runs/{runId}/report.md", "get", new[] { "200", "404" })]
    [InlineData("/checks/{name}/history", "get", new[] { "200", "400", "404" })]
    [InlineData("/events", "get", new[] { "200", "503" })]
    [InlineData("/config", "get", new[] { "200" })]
    [InlineData("/admission/v1/validate", "post", new[] { "200", "400", "413" })]
    public async Task EachOperationDeclaresEveryStatusItAnswers(string path, string method, string[] statuses)
    {
        await using var app = HealthGateApplication.With(("Auth:ApiKeys:ops", "openapi-test-key-0123456789"));
        using var client = app.CreateClient();

        var document = await GetDocumentAsync(client);

        var responses = document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses");
        Assert.Equal(statuses, responses.EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    private static async Task<JsonElement> GetDocumentAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Route templates and OpenAPI paths differ in constraints, optional markers and a trailing slash.</summary>
    private static string Normalize(string path)
    {
        var bare = RouteParameter().Replace(path, m => "{" + m.Groups["name"].Value + "}");
        return bare.Length > 1 ? bare.TrimEnd('/') : bare;
    }

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
