using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>docker-compose.yml read as compose reads it: services, their ports, mounts and environment.</summary>
internal sealed partial class DockerCompose
{
    internal sealed record Mount(string Source, string Target, bool IsBind);

    private DockerCompose(JsonNode root) => Root = root;

    public JsonNode Root { get; }

    public JsonObject Services => Root["services"]!.AsObject();

    public static DockerCompose Load() => new(Yaml.Load(RepoRoot.File("docker-compose.yml")));

    public JsonNode Service(string name) => Services[name] ?? throw new Xunit.Sdk.XunitException($"docker-compose.yml has no service '{name}'");

    /// <summary>Container ports of the service's "host:container" or "ip:host:container" mappings.</summary>
    public IEnumerable<long> ContainerPorts(string service) =>
        (Service(service)["ports"]?.AsArray() ?? []).Select(p => long.Parse(((string)p!).Split(':')[^1].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));

    public IEnumerable<Mount> Mounts(string service) =>
        (Service(service)["volumes"]?.AsArray() ?? []).Select(v =>
        {
            var parts = ((string)v!).Split(':');
            return new Mount(parts[0], parts[1], parts[0].StartsWith('.') || parts[0].StartsWith('/'));
        });

    /// <summary>The service's environment with compose's ${VAR:-default} resolved to the defaults.</summary>
    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Service(service)["environment"]!.AsObject().ToDictionary(e => e.Key, e => Interpolate(e.Value!.ToString()), StringComparer.Ordinal);

    /// <summary>What compose substitutes with no variable set: the default of ${VAR:-default} or ${VAR-default}, "$" for "$$".</summary>
    public static string Interpolate(string value) =>
        VariablePattern().Replace(value, m => m.Value == "$$" ? "$"
            : m.Groups["default"].Success ? m.Groups["default"].Value
            : throw new Xunit.Sdk.XunitException($"'{m.Value}' has no default: 'docker compose up' would need it set"));

    [GeneratedRegex(@"\$\$|\$\{(?<name>\w+)(?::?-(?<default>[^}]*))?\}|\$(?<bare>\w+)")]
    private static partial Regex VariablePattern();
}
