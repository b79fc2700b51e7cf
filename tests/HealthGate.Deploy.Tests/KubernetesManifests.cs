using System.Text.Json.Nodes;

namespace HealthGate.Deploy.Tests;

/// <summary>The objects of deploy/k8s/*.yaml, with the lookups the tests share.</summary>
internal sealed class KubernetesManifests
{
    public const string Folder = "deploy/k8s";

    internal sealed record Manifest(string File, JsonNode Object)
    {
        public string Kind => (string)Object["kind"]!;

        public string Name => (string)Object["metadata"]!["name"]!;
    }

    private KubernetesManifests(IReadOnlyList<Manifest> all) => All = all;

    public IReadOnlyList<Manifest> All { get; }

    public JsonNode Deployment => One("Deployment");

    public JsonNode PodSpec => Deployment["spec"]!["template"]!["spec"]!;

    public JsonObject PodLabels => Deployment["spec"]!["template"]!["metadata"]!["labels"]!.AsObject();

    public JsonNode Container => Assert.Single(PodSpec["containers"]!.AsArray(), c => (string?)c!["name"] == "healthgate")!;

    public JsonNode ConfigMap => One("ConfigMap");

    public JsonNode Secret => One("Secret");

    /// <summary>The service's appsettings.json as the ConfigMap holds it.</summary>
    public JsonNode Appsettings => JsonNode.Parse((string)ConfigMap["data"]!["appsettings.json"]!)!;

    public static KubernetesManifests Load() =>
        new([.. Directory.GetFiles(RepoRoot.File(Folder), "*.yaml")
            .Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => Yaml.LoadAll(f).Select(o => new Manifest(Path.GetFileName(f), o)))]);

    public JsonNode One(string kind) => Assert.Single(All, m => m.Kind == kind).Object;

    /// <summary>A probe's or Service's port (a number or the name of a container port) as the container port number.</summary>
    public long ContainerPort(JsonNode port)
    {
        var ports = Container["ports"]!.AsArray();
        if (port.GetValueKind() == System.Text.Json.JsonValueKind.Number)
        {
            var number = (long)port;
            Assert.Contains(ports, p => (long)p!["containerPort"]! == number);
            return number;
        }

        return (long)Assert.Single(ports, p => (string?)p!["name"] == (string)port!)!["containerPort"]!;
    }

    /// <summary>Whether every label of the selector is on the Deployment's pods.</summary>
    public bool SelectsPods(JsonNode? matchLabels) =>
        matchLabels is JsonObject labels && labels.Count > 0
        && labels.All(l => PodLabels.TryGetPropertyValue(l.Key, out var value) && (string?)value == (string?)l.Value);
}
