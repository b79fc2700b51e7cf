using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// The configuration each deployment hands the service starts it: the Kubernetes ConfigMap with the Deployment's
/// environment (secrets from the example Secret), and the image's appsettings.json with the sample desk file compose
/// mounts and compose's environment.
/// Start-up validation binds every check strictly, so a misspelt key or environment variable fails here.
/// </summary>
// The only class here that needs PostgreSQL, so its class fixture is the assembly's one server; each test has its own database.
public sealed partial class DeploymentConfigurationTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task KubernetesConfigurationStartsTheServiceWithExactlyTheConfigMapChecks()
    {
        var k8s = KubernetesManifests.Load();
        var settings = JsonConfiguration.Flatten(k8s.Appsettings);
        var secrets = k8s.Secret["stringData"]!.AsObject();
        foreach (var variable in k8s.Container["env"]!.AsArray())
        {
            var value = variable!["value"] is { } literal ? (string)literal! : (string)secrets[(string)variable["valueFrom"]!["secretKeyRef"]!["key"]!]!;
            settings[JsonConfiguration.KeyOf((string)variable["name"]!)] = value;
        }

        var expected = k8s.Appsettings["HealthGate"]!["Checks"]!.AsObject().Select(c => c.Key);

        await AssertStartsWithChecksAsync(settings, expected);
    }

    [Fact]
    public async Task ComposeConfigurationStartsTheServiceWithTheSampleDeskChecks()
    {
        var appsettings = JsonNode.Parse(await File.ReadAllTextAsync(RepoRoot.File("src/HealthGate/appsettings.json")))!;
        var desk = JsonNode.Parse(await File.ReadAllTextAsync(RepoRoot.File("samples/desk.json")))!;
        var settings = JsonConfiguration.Flatten(appsettings);
        foreach (var (key, value) in JsonConfiguration.Flatten(desk))
        {
            settings[key] = value;
        }

        foreach (var (name, value) in DockerCompose.Load().Environment("healthgate"))
        {
            settings[JsonConfiguration.KeyOf(name)] = value;
        }

        // Compose only overrides keys of the desk's checks; a misspelt check name would add a check without a Type.
        var expected = desk["HealthGate"]!["Checks"]!.AsObject().Select(c => c.Key);

        await AssertStartsWithChecksAsync(settings, expected);
    }

    private async Task AssertStartsWithChecksAsync(Dictionary<string, string?> settings, IEnumerable<string> expected)
    {
        Assert.Equal("postgres", settings["HealthGate:Storage:Provider"]);
        // Loopback only: the tests resolve no name and reach no host but this machine. The store is a real
        // PostgreSQL, so a start that opens it succeeds for the provider the deployment names.
        foreach (var key in settings.Keys.ToList())
        {
            settings[key] = ToLoopback(key, settings[key]);
        }

        settings["HealthGate:Storage:ConnectionString"] = await postgres.CreateDatabaseAsync();

        await using var app = new HealthGateApplication(settings);
        using var client = app.CreateClient();
        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        // A bad entry would have stopped the start (200 above); each configured check is one registered health check.
        var registered = app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name);
        Assert.Equal(expected.Order(StringComparer.Ordinal), registered.Order(StringComparer.Ordinal));
    }

    private static string? ToLoopback(string key, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (UrlHostPattern().IsMatch(value))
        {
            return UrlHostPattern().Replace(value, "${scheme}127.0.0.1");
        }

        if (!key.EndsWith(":ConnectionString", StringComparison.OrdinalIgnoreCase))
        {
            return value;
        }

        return value.Contains("Host=", StringComparison.OrdinalIgnoreCase)
            ? NpgsqlHostPattern().Replace(value, "${key}127.0.0.1")
            : RedisHostPattern().Replace(value, "127.0.0.1");
    }

    [GeneratedRegex(@"(?<scheme>^[a-z]+://)[^/:]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlHostPattern();

    [GeneratedRegex(@"(?<key>Host=)[^;]+", RegexOptions.IgnoreCase)]
    private static partial Regex NpgsqlHostPattern();

    [GeneratedRegex(@"^[^:,]+")]
    private static partial Regex RedisHostPattern();
}
