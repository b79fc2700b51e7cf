using System.Text.Json.Nodes;

namespace HealthGate.Deploy.Tests;

/// <summary>deploy/k8s: the pod is locked down, its resources bounded, and secrets stay out of the ConfigMap.</summary>
public sealed class KubernetesSecurityTests
{
    private readonly KubernetesManifests _k8s = KubernetesManifests.Load();

    [Fact]
    public void PodRunsAsTheImageNonRootUserWithAReadOnlyRootFilesystem()
    {
        var pod = _k8s.PodSpec["securityContext"]!;
        var container = _k8s.Container["securityContext"]!;

        Assert.Equal(true, (bool?)pod["runAsNonRoot"]);
        Assert.NotEqual(0, (long)pod["runAsUser"]!);
        Assert.Equal(ImageFacts.Load().UserId, (long)pod["runAsUser"]!);
        Assert.Equal(true, (bool?)container["readOnlyRootFilesystem"]);
        Assert.Equal(false, (bool?)container["allowPrivilegeEscalation"]);
        Assert.Contains("ALL", container["capabilities"]!["drop"]!.AsArray().Select(c => (string?)c));
        Assert.Null(container["privileged"]);
    }

    [Fact]
    public void EveryWritableMountIsAnEmptyDirAndTmpIsOne()
    {
        var volumes = _k8s.PodSpec["volumes"]!.AsArray().ToDictionary(v => (string)v!["name"]!, v => v!);
        var mounts = _k8s.Container["volumeMounts"]!.AsArray();

        foreach (var mount in mounts.Where(m => (bool?)m!["readOnly"] != true))
        {
            Assert.True(volumes[(string)mount!["name"]!]["emptyDir"] is not null, $"{mount["mountPath"]} is writable but not an emptyDir");
        }

        Assert.Contains(mounts, m => (string?)m!["mountPath"] == "/tmp" && volumes[(string)m["name"]!]["emptyDir"] is not null);
    }

    [Fact]
    public void ContainerHasCpuAndMemoryRequestsAndLimits()
    {
        var resources = _k8s.Container["resources"]!;

        foreach (var kind in new[] { "requests", "limits" })
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.False(string.IsNullOrEmpty(resources[kind]?[resource]?.ToString()), $"no {kind}.{resource}");
            }
        }
    }

    [Fact]
    public void EverySecretReferenceIsAKeyOfTheExampleSecret()
    {
        var secret = _k8s.Secret;
        var keys = secret["stringData"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var references = _k8s.Container["env"]!.AsArray().Select(e => e!["valueFrom"]?["secretKeyRef"]).OfType<JsonNode>().ToList();

        Assert.NotEmpty(references);
        foreach (var reference in references)
        {
            Assert.Equal((string?)secret["metadata"]!["name"], (string?)reference["name"]);
            Assert.Contains((string)reference["key"]!, keys);
        }
    }

    [Fact]
    public void ExampleSecretHoldsOnlyPlaceholderValues()
    {
        var values = _k8s.Secret["stringData"]!.AsObject();

        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Contains("EXAMPLE", (string)v.Value!, StringComparison.Ordinal));
        Assert.Null(_k8s.Secret["data"]);
    }

    [Fact]
    public void ConfigMapReplacesTheImageAppsettingsAndUsesPostgresStorageWithoutSecrets()
    {
        var mount = Assert.Single(_k8s.Container["volumeMounts"]!.AsArray(), m => (string?)m!["subPath"] == "appsettings.json");
        var volume = Assert.Single(_k8s.PodSpec["volumes"]!.AsArray(), v => (string?)v!["name"] == (string?)mount!["name"]);

        Assert.Equal((string?)_k8s.ConfigMap["metadata"]!["name"], (string?)volume!["configMap"]!["name"]);
        Assert.Equal(ImageFacts.Load().WorkingDirectory.TrimEnd('/') + "/appsettings.json", (string?)mount!["mountPath"]);
        Assert.Equal("postgres", (string?)_k8s.Appsettings["HealthGate"]!["Storage"]!["Provider"]);
        var text = (string)_k8s.ConfigMap["data"]!["appsettings.json"]!;
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ApiKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ConnectionString", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ConfigMapKeepsEverySectionOfTheImageAppsettingsButTheGateAndTheListenUrl()
    {
        // The mounted file replaces the image's whole: a section the service's appsettings.json gains (logging,
        // say) must be carried here too. Urls is left to the image's environment.
        var image = JsonNode.Parse(File.ReadAllText(RepoRoot.File("src/HealthGate/appsettings.json")))!.AsObject();
        var missing = image.Select(p => p.Key).Except(["HealthGate", "Urls"], StringComparer.OrdinalIgnoreCase)
            .Where(key => !_k8s.Appsettings.AsObject().ContainsKey(key));

        Assert.Empty(missing);
    }
}
